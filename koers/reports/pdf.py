"""Render a template to PDF with WeasyPrint; the same templates as the HTML pages."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from koers.lib.pagecache import cached_bytes


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML  # imported lazily: it loads Pango at import time

    html = render_to_string(template_name, {**context, "pdf": True}, request)
    base_url = request.build_absolute_uri("/") if request else settings.SITE_URL
    return HTML(string=html, base_url=base_url).write_pdf()


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
