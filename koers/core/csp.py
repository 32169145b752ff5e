"""django-csp's middleware, with Koers's policy header built once rather than per response."""

from functools import cache

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What django-csp lets a single response or request change; any of these takes its own path.
OWN_POLICY = tuple(
    f"_csp_{part}{suffix}"
    for part in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)


@cache
def policy() -> str:
    return build_policy()


@receiver(setting_changed)
def _forget_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        policy.cache_clear()


class CSPMiddleware(LibraryMiddleware):
    """Koers's policy is the same for every response: no inline code, so no nonces, and no view
    changes it. django-csp still rebuilds the header string each time, which cost a tenth of
    the time of a page served from the cache; here it is built once. Anything out of the
    ordinary (a nonce, a view's own policy, a report-only policy, excluded paths, debug mode)
    goes through the library as before."""

    def process_response(self, request, response):
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in OWN_POLICY)
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get(
                "EXCLUDE_URL_PREFIXES"
            )
        ):
            return super().process_response(request, response)
        header = policy()
        if header and HEADER not in response:
            response[HEADER] = header
        # As the library does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
