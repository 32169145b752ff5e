"""Personal update links: the request and reminder e-mails open the one-page update form
(koers.meetings.update_page) for one person and one session, without a password.

A token is `django.core.signing.dumps({"s": session, "u": user, "k": random}, salt=SALT)`:
the signature (salted for this purpose only, so no other signed value of Koers passes) is
checked first, in constant time by Django; then the SHA-256 of the whole token must match a
stored `UpdateLink` (compared with `hmac.compare_digest`), which may have been revoked. It
opens nothing but that page: it logs no one in, and the page lists and saves only the person's
actions (and strategies) asked for that session. It ends when the session starts, when it is
revoked (by the person, or by whoever runs the sessions), or when the person leaves the
workspace. Requests are rate limited per address, refused links more strictly.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from koers.accounts.models import Membership
from koers.accounts.permissions import Can, can
from koers.accounts.throttle import client_address
from koers.lib.ratelimit import over_limit
from koers.meetings.models import Session, UpdateLink
from koers.plans.roles import on_plan

SALT = "koers.meetings.update-link"
MAX_TOKEN = 400  # far longer than any token issued; longer input is not even unsigned


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(session, user) -> str:
    """A new link for `user` to their updates for `session`; returns the token (kept nowhere)."""
    payload = {"s": session.pk, "u": user.pk, "k": secrets.token_urlsafe(18)}
    token = signing.dumps(payload, salt=SALT)
    UpdateLink.objects.create(
        session=session, user=user, digest=_digest(token), expires_at=session.starts_at
    )
    return token


def check(token: str, now=None):
    """(link, membership) for a token that still opens the page, else None."""
    now = now or timezone.now()
    if not isinstance(token, str) or len(token) > MAX_TOKEN:
        return None
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    digest = _digest(token)
    link = (
        UpdateLink.objects.select_related("session__plan__workspace", "user")
        .filter(digest=digest)
        .first()
    )
    if link is None or not hmac.compare_digest(link.digest, digest):
        return None
    session = link.session
    if (
        link.revoked_at is not None
        or (link.session_id, link.user_id) != (payload.get("s"), payload.get("u"))
        or now >= link.expires_at
        or now >= session.starts_at
        or session.state != Session.State.PLANNED
        or session.plan.archived_at is not None
        or not link.user.is_active
    ):
        return None
    membership = Membership.objects.filter(user=link.user, workspace=session.plan.workspace).first()
    # The person's role on the session's plan counts (koers.plans.roles).
    if membership is None or not can(on_plan(membership, session.plan_id), Can.UPDATE_OWN_ACTION):
        return None
    membership.user, membership.workspace = link.user, session.plan.workspace
    return link, membership


def record_use(link, now=None) -> None:
    """Note that the link was used to save: on a POST only, since reading the page never
    writes. Bookkeeping, not content (QuerySet.update: no revision bump, no history row), and
    at most once a minute."""
    now = now or timezone.now()
    if link.last_used_at is None or now - link.last_used_at > timedelta(minutes=1):
        UpdateLink.objects.filter(pk=link.pk).update(last_used_at=now)
        link.last_used_at = now


def revoke(links, by) -> int:
    """Stop links (a queryset); each one's revocation is saved so the history records it."""
    now, count = timezone.now(), 0
    for link in links.filter(revoked_at__isnull=True):
        link.revoked_at, link.revoked_by = now, by
        link.save(update_fields=["revoked_at", "revoked_by"])
        count += 1
    return count


def active(queryset, now=None):
    now = now or timezone.now()
    return queryset.filter(revoked_at__isnull=True, expires_at__gt=now)


def rate_limited(request) -> bool:
    """Too many requests from this address in the last minute, or too many refused links in
    the last ten minutes."""
    address = client_address(request) or "-"
    minute = timezone.now().strftime("%Y%m%d%H%M")
    if over_limit(
        f"koers:links:failed:{address}", settings.UPDATE_LINK_FAILURE_LIMIT, 600, add=False
    ):
        return True
    return over_limit(f"koers:links:rate:{address}:{minute}", settings.UPDATE_LINK_RATE_LIMIT, 60)


def count_failure(request) -> None:
    address = client_address(request) or "-"
    over_limit(f"koers:links:failed:{address}", settings.UPDATE_LINK_FAILURE_LIMIT, 600)
