"""The Dutch catalogues cannot lag behind the English text of the product.

Pure Python, no database: the .po files are parsed here (polib is not a dependency).
When a test fails, run `make messages`, translate the new entries in
koers/locale/nl/LC_MESSAGES/django.po (and any app catalogue), then `make compilemessages`.
"""

import re
from pathlib import Path

KOERS = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(KOERS.glob("**/locale/nl/LC_MESSAGES/django.po"))
ENGLISH_CATALOGUES = sorted(KOERS.glob("**/locale/en/LC_MESSAGES/django.po"))
# {% translate "..." %} / {% trans '...' %} with a literal string (not a variable).
TRANSLATE_TAG = re.compile(r"""{%\s*trans(?:late)?\s+(["'])(.*?)\1""")
KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$')
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +\-]*\d*(?:\.\d+)?[sdifeEgGxXor]|\{\w*\}")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), text)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file as {"msgid", "plural", "msgstr" (list), "flags", "line"}.

    The header (empty msgid) and obsolete entries (#~) are left out.
    """
    entries = []
    entry: dict | None = None
    current = None

    def finish():
        if entry and entry.get("msgid"):
            entries.append(entry)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
            entry, current = None, None
            continue
        if line.startswith("#"):
            if entry and "msgid" in entry:  # a comment starts the next entry
                finish()
                entry, current = None, None
            if entry is None:
                entry = {"flags": set(), "msgstr": {}, "line": number}
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}, "line": number}
        match = KEYWORD.match(line)
        if match:
            keyword, text = match.group(1), unescape(match.group(2))
            if keyword == "msgid" and "msgid" in entry:  # no blank line between entries
                finish()
                entry = {"flags": set(), "msgstr": {}, "line": number}
            current = keyword
            if keyword.startswith("msgstr"):
                entry["msgstr"][keyword] = text
            else:
                entry[{"msgid_plural": "plural"}.get(keyword, keyword)] = text
        elif line.startswith('"') and line.endswith('"') and current:
            text = unescape(line[1:-1])
            if current.startswith("msgstr"):
                entry["msgstr"][current] += text
            else:
                key = {"msgid_plural": "plural"}.get(current, current)
                entry[key] += text
        else:
            raise AssertionError(f"{path}:{number}: cannot read this line: {raw!r}")
    finish()
    for item in entries:
        item["msgstr"] = [item["msgstr"][key] for key in sorted(item["msgstr"])]
    return entries


def all_entries():
    return [(path, entry) for path in CATALOGUES for entry in parse_po(path)]


def where(path: Path, entry: dict) -> str:
    return f"{path.relative_to(KOERS.parent)}:{entry['line']}: {entry['msgid']!r}"


def test_there_is_a_dutch_catalogue_with_messages():
    assert CATALOGUES, "No koers/locale/nl/LC_MESSAGES/django.po; run `make messages`."
    assert all(parse_po(path) for path in CATALOGUES)


def test_every_message_has_a_dutch_translation():
    missing = [
        where(path, entry)
        for path, entry in all_entries()
        if not entry["msgstr"] or not all(text.strip() for text in entry["msgstr"])
    ]
    assert not missing, (
        f"{len(missing)} message(s) have no Dutch translation; translate them:\n"
        + "\n".join(missing)
    )


def test_every_plural_message_has_both_dutch_forms():
    incomplete = [
        where(path, entry)
        for path, entry in all_entries()
        if "plural" in entry and len(entry["msgstr"]) != 2
    ]
    assert not incomplete, "Give msgstr[0] and msgstr[1]:\n" + "\n".join(incomplete)


def test_no_translation_is_marked_fuzzy():
    fuzzy = [where(path, entry) for path, entry in all_entries() if "fuzzy" in entry["flags"]]
    assert not fuzzy, (
        "Check these guessed (fuzzy) translations, then remove the fuzzy flag:\n" + "\n".join(fuzzy)
    )


def test_every_translation_keeps_the_placeholders_of_its_message():
    wrong = []
    for path, entry in all_entries():
        sources = [entry["msgid"], entry.get("plural", entry["msgid"])]
        expected = set().union(*(PLACEHOLDER.findall(text) for text in sources))
        for text in entry["msgstr"]:
            found = set(PLACEHOLDER.findall(text))
            # Dutch singular may say "één" instead of %(n)s; it may never invent a name.
            if found - expected or (len(entry["msgstr"]) == 1 and found != expected):
                wrong.append(f"{where(path, entry)} -> {text!r}")
    assert not wrong, "Placeholders differ from the English message:\n" + "\n".join(wrong)


def test_the_english_catalogue_can_be_read():
    assert ENGLISH_CATALOGUES, "No koers/locale/en/LC_MESSAGES/django.po; run `make messages`."
    for path in ENGLISH_CATALOGUES:
        assert parse_po(path)


def test_every_template_string_is_in_the_catalogue():
    """A new {% translate "..." %} string fails here until `make messages` picked it up."""
    known = {entry["msgid"] for _path, entry in all_entries()}
    missing = []
    for template in sorted(KOERS.glob("**/templates/**/*")):
        if template.suffix not in (".html", ".txt"):
            continue
        for _quote, text in TRANSLATE_TAG.findall(template.read_text(encoding="utf-8")):
            # makemessages doubles a literal % of a template string.
            if text and text.replace("%", "%%") not in known and text not in known:
                missing.append(f"{template.relative_to(KOERS.parent)}: {text!r}")
    assert not missing, (
        f"{len(missing)} template string(s) are not in the Dutch catalogue. "
        "Run `make messages` and translate:\n" + "\n".join(missing)
    )


def test_no_text_counts_with_a_bracketed_plural():
    """ "1 change(s)" reads badly in both languages: counts use ngettext / blocktranslate count."""
    bracketed = [
        (path.name, entry["line"], entry["msgid"])
        for path in CATALOGUES
        for entry in parse_po(path)
        if "(s)" in entry["msgid"]
    ]
    assert bracketed == []
