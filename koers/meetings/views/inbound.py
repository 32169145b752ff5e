"""POST /mail/inbound/: replies to update requests from an inbound-mail service (Mailgun,
Postmark, SendGrid and the like), the HTTP twin of `manage.py receive_mail`.

Off (404) until INBOUND_MAIL_SECRET is set. The service sends the secret as a Bearer token or
as the password of HTTP Basic (any user name), compared in constant time; the body is one raw
RFC 822 message, as `message/rfc822` or in a form field `message`, `body-mime` (Mailgun) or
`email` (SendGrid), or Postmark's JSON (its `RawEmail`, or the message put together again from
its parts). The size is checked before anything is parsed, requests are counted per
address, and the message goes to `inbound.receive`, so the refusals, the log and the
idempotency are those of the command. A message that was read (stored, duplicate or refused)
is answered 200, so the service does not retry forged mail; only a request Koers could not
read at all is a 4xx.
"""

import base64
import binascii
import json
import logging
from email import message_from_bytes, policy
from email.message import EmailMessage

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from koers.accounts.throttle import client_address
from koers.lib.ratelimit import over_limit
from koers.meetings import inbound

log = logging.getLogger("koers.mail")
FIELDS = ("message", "body-mime", "email")
FORM_OVERHEAD = 64 * 1024  # a form's other fields and boundaries around the message


def _secret_given(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _space, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return ""
        return decoded.partition(":")[2]
    return None


def _answer(status: int, text: str, **headers) -> HttpResponse:
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    for name, value in headers.items():
        response[name] = value
    return response


# Postmark's JSON fields that become headers of the message put together again, and the
# headers of its `Headers` list that are kept (threading, auto-replies).
POSTMARK_FIELDS = {"From": "From", "To": "To", "Cc": "Cc", "Subject": "Subject"}
POSTMARK_HEADERS = {"message-id", "in-reply-to", "references", "auto-submitted", "date"}


def _from_postmark(body: bytes) -> bytes | None:
    """The message in Postmark's inbound JSON: `RawEmail` when the server includes it, else
    built from its parts. None for anything that is not such a document."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not (data.get("RawEmail") or data.get("From")):
        return None
    if isinstance(data.get("RawEmail"), str) and data["RawEmail"].strip():
        return data["RawEmail"].encode()
    message = EmailMessage(policy=policy.default)
    try:
        for field, header in POSTMARK_FIELDS.items():
            if isinstance(data.get(field), str) and data[field]:
                message[header] = data[field]
        if isinstance(data.get("OriginalRecipient"), str) and data["OriginalRecipient"]:
            message["X-Original-To"] = data["OriginalRecipient"]
        for item in data.get("Headers") or []:
            if isinstance(item, dict) and str(item.get("Name", "")).lower() in POSTMARK_HEADERS:
                message[str(item["Name"])] = str(item.get("Value", ""))
        message.set_content(str(data.get("TextBody") or ""))
        return message.as_bytes()
    except (ValueError, TypeError, IndexError):  # a header with a line break, a bad address
        return None


def _raw_message(request) -> bytes | None:
    """The message's bytes, or None when the request holds none."""
    content_type = request.content_type or ""
    if content_type == "message/rfc822":
        return request.body
    if content_type == "application/json":
        return _from_postmark(request.body)
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for name in FIELDS:
            if request.FILES.get(name):
                return request.FILES[name].read(settings.INBOUND_MAIL_MAX_BYTES + 1)
            if request.POST.get(name):
                return request.POST[name].encode()
    return None


# CSRF-exempt because a mail service cannot hold a CSRF token: the shared secret is what
# authenticates it, and it is checked before anything else is read.
@csrf_exempt
@require_POST
def inbound_mail(request):
    secret = settings.INBOUND_MAIL_SECRET
    if not secret:
        raise Http404
    address = client_address(request) or "-"
    minute = timezone.now().strftime("%Y%m%d%H%M")
    limit = settings.INBOUND_MAIL_RATE_LIMIT
    if over_limit(f"koers:inbound:{address}:{minute}", limit, 60):
        return _answer(429, "Too many requests.\n", **{"Retry-After": "60"})
    given = _secret_given(request)
    if given is None:
        return _answer(401, "Authentication required.\n", **{"WWW-Authenticate": "Basic"})
    if not constant_time_compare(given, secret):
        log.warning("Inbound mail refused (wrong secret): from %s", address)
        return _answer(403, "Wrong secret.\n")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _answer(400, "Bad Content-Length.\n")
    cap = settings.INBOUND_MAIL_MAX_BYTES
    if length > cap + FORM_OVERHEAD:
        return _answer(413, "The message is larger than INBOUND_MAIL_MAX_BYTES.\n")
    try:
        raw = _raw_message(request)
    except RequestDataTooBig:
        return _answer(413, "The message is larger than INBOUND_MAIL_MAX_BYTES.\n")
    if raw is not None and len(raw) > cap:
        return _answer(413, "The message is larger than INBOUND_MAIL_MAX_BYTES.\n")
    if not raw or not raw.strip():
        return _answer(
            400, "No message: send message/rfc822, a form field 'message' or Postmark's JSON.\n"
        )
    outcome = inbound.receive(message_from_bytes(raw, policy=policy.default))
    return JsonResponse({"status": outcome.status, "saved": outcome.saved})
