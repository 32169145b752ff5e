"""Which e-mails a person wants, and the unsubscribe link every such mail carries.

Three kinds of mail can be turned off (`Kind`): update requests with their reminders, the
pre-read, and the weekly digest (off until the person turns it on). The senders ask `muted`
(one query for everyone a mail goes to) and skip those who said no.

An unsubscribe token is `signing.dumps({"u": user, "k": kind}, salt=SALT)`: salted for this
purpose only, so it passes no other check of Koers (an update link's, a reply address's) and
no other token passes this one; it names one person and one kind of mail, and changing either
breaks the signature. It is not stored: all it can do is turn one kind of mail off, which the
person can turn on again, so there is nothing to revoke. RFC 8058 one-click: the mail's
`List-Unsubscribe` points at the same address, which takes a POST without login or CSRF token.
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from koers.lib.versioning import StaleEdit, save_or_create_versioned, unsaved_default
from koers.meetings.models import NotificationSettings

SALT = "koers.meetings.unsubscribe"
MAX_TOKEN = 300  # far longer than any token issued
# Mail older than this cannot unsubscribe any more (the person can still use the settings page).
MAX_AGE = 60 * 60 * 24 * 400


class Kind(TextChoices):
    """A kind of mail a person can turn off, named by its field on NotificationSettings."""

    UPDATE_REQUESTS = "update_requests", _("update requests and reminders")
    PREREAD = "preread", _("pre-reads")
    DIGEST = "digest", _("weekly digests")


def settings_for(user) -> NotificationSettings:
    """The person's settings; the defaults, unsaved, when they never changed them (reading
    never writes)."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or unsaved_default(NotificationSettings, user=user)


def wants(user, kind: str) -> bool:
    return getattr(settings_for(user), kind)


def muted(users, kind: str) -> set[int]:
    """Ids of those among `users` who turned `kind` off, in one query."""
    default = NotificationSettings._meta.get_field(kind).default
    rows = NotificationSettings.objects.filter(user__in=[u.pk for u in users]).values_list(
        "user_id", kind
    )
    said = dict(rows)
    return {u.pk for u in users if not said.get(u.pk, default)}


def opted_in(kind: str):
    """Ids of everyone who turned `kind` on (for the opt-in digest)."""
    return NotificationSettings.objects.filter(**{kind: True}).values_list("user_id", flat=True)


def turn_off(user, kind: str) -> None:
    """Unsubscribe: `kind` off, whatever the settings' version (the person asked for it, and
    nothing else changes). A first save racing another is retried once as an edit."""
    for _try in range(2):
        current = settings_for(user)
        if not getattr(current, kind):
            return
        setattr(current, kind, False)
        try:
            with transaction.atomic():
                save_or_create_versioned(current, [kind], current.version)
            return
        except (StaleEdit, IntegrityError):
            continue


# --- The unsubscribe link -------------------------------------------------------------------
def token(user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT)


def read_token(value: str) -> tuple[int, str] | None:
    """(user id, kind) of a genuine unsubscribe token, else None."""
    if not isinstance(value, str) or len(value) > MAX_TOKEN:
        return None
    try:
        payload = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also a token too old (SignatureExpired)
        return None
    if not isinstance(payload, dict):
        return None
    user_id, kind = payload.get("u"), payload.get("k")
    if not isinstance(user_id, int) or kind not in Kind.values:
        return None
    return user_id, kind


def url(user, kind: str) -> str:
    return settings.SITE_URL + reverse("meetings:unsubscribe", args=[token(user, kind)])


def settings_url() -> str:
    return settings.SITE_URL + reverse("meetings:notifications")


def mail_parts(user, kind: str) -> dict:
    """What a mail of `kind` to `user` needs: the headers of RFC 2369 and RFC 8058 and, for
    its footer, the same link and the settings page."""
    link = url(user, kind)
    return {
        "headers": {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        "unsubscribe": link,
        "settings_url": settings_url(),
        "mail_kind": Kind(kind).label,
    }
