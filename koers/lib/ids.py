"""Ids typed into URLs and forms by hand: only what a primary key column can hold."""

MAX_ID = 2**63 - 1  # a BigAutoField on PostgreSQL and SQLite's INTEGER


def parse_id(raw) -> int | None:
    """The id `raw` spells (digits only, within a key column's range), or None."""
    text = str(raw).strip() if raw is not None else ""
    # Longer than any id: refused before int(), which refuses past 4,300 digits with an error.
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def parse_ids(values) -> list[int] | None:
    """Every id of a list (a multiple-choice field), or None if any is not an id."""
    ids = [parse_id(value) for value in values]
    return None if any(i is None for i in ids) else ids
