"""Sending a webhook: refuse internal addresses, sign the body, post it, retry with back-off.

Signature: header `Koers-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the
endpoint's secret; receivers recompute it and refuse old timestamps (see the README).
"""

import hashlib
import hmac
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.webhooks.models import Delivery

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(seconds=30)  # then 2, 8 and 32 minutes: ×4 each time
TIMEOUT_SECONDS = 5


class UnsafeUrl(ValueError):
    """An address Koers will not call; the message is shown to the OGSM owner."""


def check_url(url: str) -> None:
    """Only http(s), and (unless WEBHOOKS_ALLOW_PRIVATE) only public addresses: a webhook must
    never become a way to reach the server's own network."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeUrl(_("Use an http:// or https:// address."))
    if settings.WEBHOOKS_ALLOW_PRIVATE:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, ValueError, UnicodeError) as error:
        raise UnsafeUrl(_("This host name cannot be found.")) from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise UnsafeUrl(_("Koers does not call internal network addresses."))


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could lead to an internal address after the check; treat it as a failure."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def send(delivery: Delivery) -> tuple[int | None, str]:
    """Post the delivery's body once: (HTTP status or None, error text)."""
    endpoint = delivery.endpoint
    try:
        check_url(endpoint.url)
    except UnsafeUrl as error:
        return None, str(error)
    body = json.dumps(delivery.body, separators=(",", ":")).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 — the scheme is checked above
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Koers-Webhooks/1",
            "Koers-Event": delivery.event,
            "Koers-Delivery": str(delivery.pk),
            "Koers-Signature": signature(endpoint.secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))[:300]


def attempt(delivery_id: int, now=None) -> Delivery | None:
    """One try of a delivery that is not done yet; schedules the next try on failure."""
    delivery = (
        Delivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, state__in=[Delivery.State.PENDING, Delivery.State.RETRYING])
        .first()
    )
    if delivery is None:
        return None
    status, error = send(delivery)
    now = now or timezone.now()
    delivery.attempts += 1
    delivery.status_code, delivery.error, delivery.last_attempt_at = status, error, now
    if status is not None and 200 <= status < 300:
        delivery.state, delivery.next_attempt_at = Delivery.State.DELIVERED, None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state, delivery.next_attempt_at = Delivery.State.FAILED, None
    else:
        delivery.state = Delivery.State.RETRYING
        delivery.next_attempt_at = now + FIRST_RETRY * 4 ** (delivery.attempts - 1)
    fields = ["attempts", "status_code", "error", "last_attempt_at", "state", "next_attempt_at"]
    Delivery.objects.filter(pk=delivery.pk).update(**{f: getattr(delivery, f) for f in fields})
    return delivery
