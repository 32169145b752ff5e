"""Render a template to PDF with WeasyPrint; the same templates as the HTML pages.

WeasyPrint lays out and paints every page in Python (30-60 ms a page), and a change anywhere in
the workspace makes the next download render afresh. Two things keep that first download short:

- the PDF is kept under its HTML (`render_pdf`): a change the document does not show (an action
  update, for the one-page OGSM) renders the template again but not the PDF;
- a long document is laid out in sections (`html_to_pdf`): a template puts `{{ pdf_section }}`
  before each part that may start on a page of its own (the pre-read's strategies), each part is
  laid out as a document of its own and kept in this process under its HTML, and the pages are
  joined into one PDF. A change re-lays only the sections it touched. The page numbers ("3 / 15")
  come from a document of empty pages drawn over them, so a section's layout never depends on
  where it lands. What the section documents share is the template's `<head>`: page rules and
  styles belong there, not in the body.
"""

import gc
import hashlib
import re
import threading
from collections import OrderedDict
from contextlib import contextmanager

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
    key = "pdf-of-html:" + hashlib.sha256(f"{base_url}\n{html}".encode()).hexdigest()
    content = cache.get(key)
    if content is None:
        content = html_to_pdf(html, base_url)
        cache.set(key, content, TIMEOUT)
    return content


def html_to_pdf(html: str, base_url: str) -> bytes:
    match = _BODY.search(html)
    sections = match.group(1).split(SECTION_BREAK) if match else []
    with _one_render_at_a_time, _collection_paused():
        if len(sections) < 2:
            return _lay_out(html, base_url).write_pdf()
        # What comes before the first break opens the first section.
        sections[:2] = [sections[0] + sections[1]]
        before, after = html[: match.start(1)], html[match.end(1) :]
        quiet = before.replace("</head>", _NO_PAGE_NUMBERS, 1)
        docs = [_sections.get(quiet + part + after, base_url) for part in sections]
        pages = [page for doc in docs for page in doc.pages]
        numbers = before.replace("</head>", _ONLY_PAGE_NUMBERS, 1)
        numbers += '<div class="page"></div>' * (len(pages) - 1) + "<div></div>" + after
        numbered = _numbers.get(numbers, base_url).pages
        joined = [_NumberedPage(page, number) for page, number in zip(pages, numbered, strict=True)]
        return docs[0].copy(joined).write_pdf()


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
        key = hashlib.sha256(f"{base_url}\n{html}".encode()).digest()
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
    return HTML(string=html, base_url=base_url).render(font_config=_font_config)


@contextmanager
def _collection_paused():
    """No garbage collection while WeasyPrint builds and paints its boxes: the collections it
    set off, walking boxes that were all still in use, took a tenth of a render (the cold bench
    pre-read: 800 -> 710 ms of CPU). Its garbage waits for the next one: the peak is 4 MB higher."""
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
