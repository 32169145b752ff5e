"""Fill a gettext catalogue from a JSON file of translations (a translator's helper, not runtime).

    python tools/pofill.py missing koers/locale/nl/LC_MESSAGES/django.po > todo.json
    python tools/pofill.py fill koers/locale/nl/LC_MESSAGES/django.po done.json

The JSON maps each msgid to its translation; a plural entry maps to [singular, plural].
Empty entries and fuzzy guesses (makemessages' "#, fuzzy") are filled; reviewed translations are
never touched.
"""

import json
import re
import sys
from pathlib import Path

ENTRY = re.compile(
    r'(?m)^((?:#.*\n)*)msgid ((?:".*"\n)+)'  # comments and flags, then the message
    r'(?:msgid_plural ((?:".*"\n)+))?'
    r"(msgstr(?:.|\n)*?)(?=\n\n|\Z)"  # up to the blank line that ends the entry
)


def unquote(block: str) -> str:
    return "".join(json.loads(line) for line in block.strip().splitlines())


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def entries(po: str):
    for match in ENTRY.finditer(po):
        comments, msgid, plural, msgstr = match.groups()
        yield match, unquote(msgid), plural and unquote(plural), msgstr


def is_empty(msgstr: str) -> bool:
    values = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', msgstr + "\n")
    return all(unquote(v) == "" for v in values)


def is_fuzzy(comments: str) -> bool:
    return any(line.startswith("#,") and "fuzzy" in line for line in comments.splitlines())


def needs_work(match, msgid, msgstr) -> bool:
    return bool(msgid) and (is_empty(msgstr) or is_fuzzy(match.group(1)))


def missing(path: str) -> dict:
    po = Path(path).read_text(encoding="utf-8")
    return {
        msgid: [msgid, plural] if plural else ""
        for match, msgid, plural, msgstr in entries(po)
        if needs_work(match, msgid, msgstr)
    }


def reviewed(comments: str) -> str:
    """The comments without the fuzzy flag and the previous-msgid lines ("#|")."""
    kept = []
    for line in comments.splitlines(keepends=True):
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
            if not flags:
                continue
            line = "#, " + ", ".join(flags) + "\n"
        kept.append(line)
    return "".join(kept)


def fill(path: str, translations: dict) -> int:
    po = Path(path).read_text(encoding="utf-8")
    out, last, filled = [], 0, 0
    for match, msgid, plural, msgstr in entries(po):
        text = translations.get(msgid)
        if not text or not needs_work(match, msgid, msgstr):
            continue
        if plural:
            new = f"msgstr[0] {quote(text[0])}\nmsgstr[1] {quote(text[1])}"
        else:
            new = f"msgstr {quote(text)}"
        head = po[last : match.start(1)] + reviewed(match.group(1))
        out.append(head + po[match.end(1) : match.start(4)] + new)
        last = match.end(4)
        filled += 1
    out.append(po[last:])
    Path(path).write_text("".join(out), encoding="utf-8")
    return filled


if __name__ == "__main__":
    command, path = sys.argv[1], sys.argv[2]
    if command == "missing":
        json.dump(missing(path), sys.stdout, ensure_ascii=False, indent=1)
    else:
        print(fill(path, json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))), "filled")
