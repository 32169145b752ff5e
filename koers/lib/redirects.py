"""Where a `next` (or any user-supplied return address) may send the browser.

Every view that reads a `next` from the query string or a form calls `safe_next`; nothing else
turns request input into a redirect or a link. It accepts only addresses on this site
(Django's `url_has_allowed_host_and_scheme`, which also catches `/\\evil.example`, `/%09/host`
and other spellings browsers read as another origin) and, on an HTTPS request, no http: link.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_next(request, target: str) -> bool:
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request, fallback: str, field: str = "next") -> str:
    """The request's `next` (POST first, then GET) when it stays on this site, else `fallback`."""
    target = request.POST.get(field) or request.GET.get(field) or ""
    return target if is_safe_next(request, target) else fallback
