"""Render a template to PDF with WeasyPrint; the same templates as the HTML pages."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML  # imported lazily: it loads Pango at import time

    html = render_to_string(template_name, {**context, "pdf": True}, request)
    base_url = request.build_absolute_uri("/") if request else settings.SITE_URL
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(template_name: str, context: dict, request, filename: str) -> HttpResponse:
    response = HttpResponse(
        render_pdf(template_name, context, request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
