"""Mail subjects built from names people typed (a workspace, a plan)."""


def one_line(text: str) -> str:
    """`text` on one line: a line break in a subject would start a new mail header, which
    Django refuses (BadHeaderError) rather than let a name inject headers."""
    return " ".join(str(text).split())
