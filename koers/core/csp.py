"""Koers's Content-Security-Policy header, built once with django-csp's public `build_policy`
from the `CONTENT_SECURITY_POLICY` settings.

Koers's policy is the same for every response: no inline code, so no nonces, and no view
widens or drops it. django-csp's own middleware rebuilds the header string on each response,
which cost a tenth of the time of a page served from the cache; this middleware writes the
string built once. It uses only the library's public function and settings, so a library
upgrade cannot break it silently. A page that ever needs its own policy (django-csp's
decorators or a nonce) means going back to `csp.middleware.CSPMiddleware` in settings.
"""

from functools import cache
from http import HTTPStatus

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# Django's debug pages for these carry inline styles; django-csp leaves them alone too.
DEBUG_PAGES = (HTTPStatus.NOT_FOUND, HTTPStatus.INTERNAL_SERVER_ERROR)


@cache
def policies() -> tuple[tuple[str, str, tuple], ...]:
    """(header, value, path prefixes left out) for the policy and the report-only policy."""
    found = []
    for header, setting, report_only in (
        (HEADER, "CONTENT_SECURITY_POLICY", False),
        (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
    ):
        config = getattr(settings, setting, None) or {}
        value = build_policy(report_only=report_only) if config else ""
        if value:
            found.append((header, value, tuple(config.get("EXCLUDE_URL_PREFIXES") or ())))
    return tuple(found)


@receiver(setting_changed)
def _forget_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        policies.cache_clear()


class CSPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in DEBUG_PAGES:
            return response
        for header, value, excluded in policies():
            if header not in response and not request.path_info.startswith(excluded):
                response[header] = value
        return response
