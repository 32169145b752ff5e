"""Reading a reply to the update request: pure functions, no database (koers.meetings.inbound
stores what they find).

The layout, printed in every request mail, in English or Dutch:

    [A12] Open a webshop          a line starting with the item's code (A = action, S = strategy)
    did: chose a platform         gedaan:     what happened
    next: build it                volgende:   what comes next
    need: a budget                nodig:      what is needed from the team
    progress: 40                  voortgang:  0–100, "40%" too; default: as it was
    colour: green                 kleur:      groen/oranje/rood too; default: as it was

A line "same" / "unchanged" / "ongewijzigd" / "niets veranderd" in a block records "nothing
changed". Lines without a label continue the field above (or "did"). Text before the first
code belongs to the only item when just one is asked (`Reply.loose`). Quoted text (lines
starting with ">", everything from a Gmail, Apple Mail or Outlook quote header on) and
signatures are left out, so replying above the quote (top-posting) works.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

LABELS = {
    "did": "did",
    "done": "did",
    "gedaan": "did",
    "what did you do": "did",
    "wat heb je gedaan": "did",
    "next": "next",
    "volgende": "next",
    "next step": "next",
    "wat ga je doen": "next",
    "need": "need",
    "needs": "need",
    "nodig": "need",
    "progress": "progress",
    "voortgang": "progress",
    "colour": "colour",
    "color": "colour",
    "kleur": "colour",
}
COLOURS = {
    "green": "green",
    "groen": "green",
    "orange": "orange",
    "oranje": "orange",
    "amber": "orange",
    "red": "red",
    "rood": "red",
}
SAME = {"same", "unchanged", "no change", "nothing changed", "ongewijzigd", "niets veranderd",
        "zelfde", "hetzelfde", "geen wijziging"}  # fmt: skip

_CODE = re.compile(r"^\s*\[?\s*([as])\s*(\d{1,12})\s*\]?(?=[\s:.\-]|$)(.*)$", re.IGNORECASE)
_LABEL = re.compile(r"^\s*([a-zA-Z ]{2,20}?)\s*[:=]\s*(.*)$")
_QUOTE_START = [
    re.compile(r"^\s*-{2,}\s*(original message|oorspronkelijk bericht|origineel bericht)", re.I),
    re.compile(r"^\s*_{10,}\s*$"),  # Outlook's rule above the quoted headers
    re.compile(r"^\s*(begin forwarded message|begin doorgestuurd bericht)", re.I),
]
_SIGNATURE = re.compile(
    r"^\s*(--\s*$|sent from my |verzonden (vanaf|met) |get outlook for |download outlook)", re.I
)
MAX_TEXT = 100_000  # characters read from a reply; the rest is not a reply to a form


@dataclass
class Entry:
    key: str = ""  # "a12" / "s4"; "" for text before any code
    did: str = ""
    next: str = ""
    need: str = ""
    progress: int | None = None
    colour: str | None = None
    same: bool = False
    problems: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.did or self.next or self.need or self.same) and (
            self.progress is None and self.colour is None
        )


@dataclass
class Reply:
    entries: list  # Entry per code, in the order written
    loose: Entry | None = None  # text before the first code


def _is_quote_header(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    if any(p.match(line) for p in _QUOTE_START):
        return True
    # Gmail and Apple Mail: "On … wrote:" / "Op … schreef …:" / "Op … het volgende geschreven:",
    # sometimes wrapped over two lines.
    joined = " ".join(x.strip() for x in lines[i : i + 2])
    if re.match(r"^(on|op)\s", line, re.I):
        for text in (line, joined):
            if re.search(r"(wrote|schreef|geschreven)[^:\n]*:$", text, re.I) or re.search(
                r"(wrote|schreef|geschreven)\s*:\s*$", text, re.I
            ):
                return True
    # Outlook without a rule: "From: …" followed by "Sent:" / "Date:" (or Dutch).
    if re.match(r"^(from|van)\s*:", line, re.I) and i + 1 < len(lines):
        return bool(re.match(r"^\s*(sent|date|verzonden|datum|to|aan)\s*:", lines[i + 1], re.I))
    return False


def own_text(text: str) -> list[str]:
    """The lines the person wrote: no quote, no signature."""
    lines = text[:MAX_TEXT].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = []
    for i, line in enumerate(lines):
        if _is_quote_header(lines, i) or _SIGNATURE.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.replace("\u00a0", " ").rstrip())
    return kept


def _progress(value: str, entry: Entry) -> None:
    match = re.fullmatch(r"\s*(\d{1,3})\s*%?\s*", value)
    if match and 0 <= int(match.group(1)) <= 100:
        entry.progress = int(match.group(1))
    else:
        entry.problems.append(("progress", value.strip()[:40]))


def _colour(value: str, entry: Entry) -> None:
    colour = COLOURS.get(value.strip().strip(".!").lower())
    if colour:
        entry.colour = colour
    else:
        entry.problems.append(("colour", value.strip()[:40]))


def _add(entry: Entry, name: str, text: str) -> None:
    text = text.strip()
    if not text:
        return
    current = getattr(entry, name)
    setattr(entry, name, f"{current}\n{text}" if current else text)


def parse_reply(text: str) -> Reply:
    entries, current, last_field = [], Entry(), "did"
    loose = current
    for line in own_text(text):
        code = _CODE.match(line)
        if code:
            current = Entry(key=f"{code.group(1).lower()}{int(code.group(2))}")
            entries.append(current)
            last_field = "did"
            continue  # the rest of the line repeats the title
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.lower().strip(".!") in SAME:
            current.same = True
            continue
        label = _LABEL.match(line)
        name = LABELS.get(label.group(1).strip().lower()) if label else None
        if name == "progress":
            _progress(label.group(2), current)
        elif name == "colour":
            _colour(label.group(2), current)
        elif name:
            last_field = name
            _add(current, name, label.group(2))
        else:
            _add(current, last_field, stripped)
    return Reply(entries=entries, loose=None if loose.empty else loose)


class _Text(HTMLParser):
    """HTML to plain lines: blocks and <br> break lines, blockquotes (the quote) are dropped."""

    BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "table"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag in ("blockquote", "style", "script", "head") or "gmail_quote" in classes:
            self.skip += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("blockquote", "style", "script", "head") and self.skip:
            self.skip -= 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html[:MAX_TEXT])
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts))


def body_text(message) -> str:
    """The reply's own text from an `email.message.EmailMessage` (policy.default): its plain
    part, else its HTML part as text; attachments are never read."""
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        return part.get_content()
    part = message.get_body(preferencelist=("html",))
    if part is not None:
        return html_text(part.get_content())
    return ""
