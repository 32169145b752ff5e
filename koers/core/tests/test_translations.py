"""The Dutch catalogues cannot lag behind the English text of the product."""

import re
from pathlib import Path

KOERS = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(KOERS.glob("**/locale/nl/LC_MESSAGES/django.po"))
TRANSLATE_TAG = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file as {"msgid", "msgstr" (list), "fuzzy"}; header excluded."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        current = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = [match.group(2)]
            elif line.startswith('"') and current:
                fields[current].append(line[1:-1])
        if "msgid" not in fields or not "".join(fields["msgid"]):
            continue
        entries.append(
            {
                "msgid": "".join(fields["msgid"]).replace('\\"', '"'),
                "msgstr": ["".join(v) for k, v in fields.items() if k.startswith("msgstr")],
                "fuzzy": "#, fuzzy" in block or ", fuzzy" in block,
            }
        )
    return entries


def all_entries():
    return [(path, entry) for path in CATALOGUES for entry in parse_po(path)]


def test_there_is_a_dutch_catalogue():
    assert CATALOGUES and all(parse_po(path) for path in CATALOGUES)


def test_every_message_has_a_dutch_translation():
    missing = [
        f"{path.relative_to(KOERS)}: {entry['msgid']!r}"
        for path, entry in all_entries()
        if not all(entry["msgstr"])
    ]
    assert not missing, "Translate these (then `make messages`):\n" + "\n".join(missing)


def test_no_translation_is_marked_fuzzy():
    fuzzy = [entry["msgid"] for _path, entry in all_entries() if entry["fuzzy"]]
    assert not fuzzy, f"Check and unmark these fuzzy translations: {fuzzy}"


def test_every_template_string_is_in_the_catalogue():
    """A new {% translate %} string fails here until `make messages` picked it up."""
    known = {entry["msgid"] for _path, entry in all_entries()}
    missing = []
    for template in KOERS.glob("**/templates/**/*"):
        if template.suffix not in (".html", ".txt"):
            continue
        for _quote, text in TRANSLATE_TAG.findall(template.read_text(encoding="utf-8")):
            if text not in known:
                missing.append(f"{template.relative_to(KOERS)}: {text!r}")
    assert not missing, "Run `make messages` and translate:\n" + "\n".join(missing)
