"""Render a template to PDF with WeasyPrint; the same templates as the HTML pages.

WeasyPrint lays out and paints every page in Python (30-60 ms a page), and a change anywhere in
the workspace makes the next download render afresh. Two things keep that first download short:

- the PDF is kept under its HTML (`render_pdf`): a change the document does not show (an action
  update, for the one-page OGSM) renders the template again but not the PDF;
- a long document is made in sections (`html_to_pdf`): a template puts `{{ pdf_section }}`
  before each part that may start on a page of its own (the pre-read's strategies), each part is
  laid out (kept in this process) and painted (kept in the page cache, for every worker) as a
  document of its own under its HTML, and the parts are joined into one PDF. A change lays out
  and paints only the sections it touched. The page numbers ("3 / 15") come from a document of
  empty pages drawn over them, so a section's layout never depends on where it lands. What the
  section documents share is the template's `<head>`: page rules and styles belong there, not in
  the body.
"""

import gc
import hashlib
import io
import re
import threading
from collections import OrderedDict
from contextlib import contextmanager
from types import SimpleNamespace
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from koers.lib.pagecache import TIMEOUT, cached_bytes

SECTION_BREAK = "<!-- pdf: a section, from a new page -->"
# Laid-out sections kept per process, counted in pages: about 0.4 MB each (the pre-read of the
# bench's largest plan has 15). The documents of page numbers alone weigh little.
KEPT_PAGES, KEPT_NUMBERED = 40, 80
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
_NO_PAGE_NUMBERS = "<style>@page { @bottom-right { content: none } }</style></head>"
_ONLY_PAGE_NUMBERS = "<style>@page { background: none } .page { break-after: page }</style></head>"


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    html = render_to_string(
        template_name,
        {**context, "pdf": True, "pdf_section": mark_safe(SECTION_BREAK)},  # noqa: S308 (ours)
        request,
    )
    base_url = request.build_absolute_uri("/") if request else settings.SITE_URL
    # Kept under what it shows: the HTML (and the address its links and images resolve from).
    key = "pdf-of-html:" + _digest(html, base_url)
    content = cache.get(key)
    if content is None:
        content = html_to_pdf(html, base_url)
        cache.set(key, content, TIMEOUT)
    return content


def html_to_pdf(html: str, base_url: str) -> bytes:
    match = _BODY.search(html)
    sections = match.group(1).split(SECTION_BREAK) if match else []
    with _one_render_at_a_time:
        if len(sections) < 2:
            with _collection_paused():
                return _lay_out(html, base_url).write_pdf()
        # What comes before the first break opens the first section.
        sections[:2] = [sections[0] + sections[1]]
        before, after = html[: match.start(1)], html[match.end(1) :]
        quiet = before.replace("</head>", _NO_PAGE_NUMBERS, 1)
        numbers = before.replace("</head>", _ONLY_PAGE_NUMBERS, 1)
        return _joined([quiet + part + after for part in sections], numbers, after, base_url)


class _Part(NamedTuple):
    """A section's PDF as kept in the page cache, with the page numbers it was painted with."""

    pages: int
    first: int  # pages before it
    total: int
    content: bytes
    marks: list  # per page, its headings for the outline (_Marks)


def _joined(sections: list[str], numbers: str, after: str, base_url: str) -> bytes:
    """The sections' PDFs, each kept in the page cache (shared by the workers) under its HTML,
    joined into one: a change lays out and paints only the sections it touched, and a section
    that moved (one before it grew by a page) is painted again with its new page numbers."""
    keys = [_section_key(html, base_url) for html in sections]
    kept = cache.get_many(keys)
    counts = [
        kept[key].pages if key in kept else len(_sections.get(html, base_url).pages)
        for html, key in zip(sections, keys, strict=True)
    ]
    total, first, made, numbered = sum(counts), 0, {}, None
    parts = []
    for html, key, count in zip(sections, keys, counts, strict=True):
        part = kept.get(key)
        if part is None or (part.first, part.total) != (first, total):
            if numbered is None:
                blank = '<div class="page"></div>' * (total - 1) + "<div></div>"
                numbered = _numbers.get(numbers + blank + after, base_url).pages
            doc = _sections.get(html, base_url)
            pages = [_NumberedPage(p, n) for p, n in zip(doc.pages, numbered[first:], strict=False)]
            marks = [_Marks(page.height, page.bookmarks) for page in doc.pages]
            part = made[key] = _Part(count, first, total, doc.copy(pages).write_pdf(), marks)
        parts.append(part)
        first += count
    cache.set_many(made, TIMEOUT)
    return _merged(parts)


def _section_key(html: str, base_url: str) -> str:
    return "pdf-section:" + _digest(html, base_url)


def _digest(html: str, base_url: str) -> str:
    """What a PDF, or a part of one, is kept under: its HTML and the address it resolves from."""
    return hashlib.sha256(f"{base_url}\n{html}".encode()).hexdigest()


class _Marks:
    """What the outline needs of a page (its headings), light enough to keep with a section: the
    outline is the joined document's, made by WeasyPrint's own rules, so a heading nests under
    the one before it from another section as in a document laid out whole."""

    def __init__(self, height, bookmarks):
        self.height, self.bookmarks = height, bookmarks

    @staticmethod
    def tree(pages: list["_Marks"]) -> list:
        from weasyprint.document import Document

        # It reads nothing of a document but its pages' headings and heights.
        joined = SimpleNamespace(pages=pages)
        return Document.make_bookmark_tree(joined, scale=0.75, transform_pages=True)


def _merged(parts: list[_Part]) -> bytes:
    """One PDF of the parts' pages, with the outline of the whole and the parts' title. Joined
    by qpdf (pikepdf): 3 ms for the bench pre-read, where pypdf took 17 ms and, with the
    cryptography it loads, 19 MB more in each worker. Each part carries its own subset of the
    fonts: the bench pre-read is 79 kB, not 37."""
    import pikepdf

    joined = pikepdf.Pdf.new()
    sources = [pikepdf.Pdf.open(io.BytesIO(part.content)) for part in parts]
    for source in sources:
        joined.pages.extend(source.pages)

    def add(subtrees, into):
        for label, (page, x, y), children, state in subtrees:
            item = pikepdf.OutlineItem(label, page, "XYZ", left=x, top=y, zoom=0)
            item.is_closed = state == "closed"
            into.append(item)
            add(children, item.children)

    with joined.open_outline() as outline:
        add(_Marks.tree([marks for part in parts for marks in part.marks]), outline.root)
    for name in ("/Title", "/Producer"):  # the same in every part
        if name in sources[0].docinfo:
            joined.docinfo[name] = sources[0].docinfo[name]
    out = io.BytesIO()
    # The same parts give the same bytes (qpdf's /ID would be random otherwise).
    joined.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def forget_layouts() -> None:
    """Drop the kept sections (`make bench` does, to time a cold rendering)."""
    _sections.clear()
    _numbers.clear()


class _NumberedPage:
    """A section's page with the page of the same number from the numbers-only document drawn
    over it: what WeasyPrint's `write_pdf` reads of a page (`weasyprint.document.Page`)."""

    def __init__(self, page, number):
        self.width, self.height, self.bleed = page.width, page.height, page.bleed
        self.bookmarks, self.links, self.anchors, self.forms = (
            page.bookmarks,
            page.links,
            page.anchors,
            page.forms,
        )
        self._page, self._number = page, number

    def paint(self, stream, scale=1):
        self._page.paint(stream, scale)
        self._number.paint(stream, scale)


class _KeptLayouts:
    """Laid-out documents by their HTML, the most recently used kept up to `max_pages` pages."""

    def __init__(self, max_pages: int):
        self.max_pages = max_pages
        self._docs = OrderedDict()
        self._pages = 0

    def get(self, html: str, base_url: str):
        key = _digest(html, base_url)
        doc = self._docs.pop(key, None)
        if doc is None:
            doc = _lay_out(html, base_url)
            self._pages += len(doc.pages)
        self._docs[key] = doc
        while self._pages > self.max_pages and len(self._docs) > 1:
            _key, old = self._docs.popitem(last=False)
            self._pages -= len(old.pages)
        return doc

    def clear(self) -> None:
        self._docs.clear()
        self._pages = 0


_sections, _numbers = _KeptLayouts(KEPT_PAGES), _KeptLayouts(KEPT_NUMBERED)
# One render at a time per process: the kept layouts and the font configuration are shared.
_one_render_at_a_time = threading.Lock()
_font_config = None


def _lay_out(html: str, base_url: str):
    from weasyprint import HTML  # imported lazily: it loads Pango at import time
    from weasyprint.text.fonts import FontConfiguration

    global _font_config  # noqa: PLW0603 (one per process, made on the first PDF)
    _font_config = _font_config or FontConfiguration()
    with _collection_paused():
        return HTML(string=html, base_url=base_url).render(font_config=_font_config)


@contextmanager
def _collection_paused():
    """No garbage collection while WeasyPrint builds (and, for a document of one part, paints)
    its boxes: the collections it set off, walking boxes that were all still in use, took a
    tenth of a render (the cold bench pre-read: 800 -> 710 ms of CPU). Its garbage waits for the
    next one: the peak is 4 MB higher. The parts of a document in sections are painted with
    collection on: the garbage of six paints, kept waiting, raised a worker's peak by 28 MB."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pdf_response(template_name: str, context: dict, request, filename: str) -> HttpResponse:
    return _response(render_pdf(template_name, context, request), filename)


def cached_pdf_response(request, template_name: str, workspace, get_document) -> HttpResponse:
    """A PDF kept in the page cache until the workspace changes: WeasyPrint takes most of a
    second, so a document is made once per revision and language, however many people download
    it (koers.lib.pagecache.cached_bytes; the view's door decided who may).

    `get_document()` returns (context, filename); it runs only when the PDF is made afresh.
    """

    def make() -> tuple[str, bytes]:
        context, filename = get_document()
        return filename, render_pdf(template_name, context, request)

    filename, content = cached_bytes(request, f"{template_name}#pdf", workspace, make)
    return _response(content, filename)


def _response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
