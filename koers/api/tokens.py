"""Making, finding and revoking personal access tokens, and limiting how fast one is used.

A token is `koers_` + 32 random bytes (URL-safe base64). Only its SHA-256 is stored, so a copy
of the database gives nobody access; the secret is shown once, when it is made.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from koers.api.models import ApiToken, Scope

PREFIX = "koers_"
EXPIRY_DAYS = (30, 90, 365)
LAST_USED_EVERY = timedelta(minutes=1)  # last-used time is written at most this often


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, workspace, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token and its secret, which the caller shows once and never stores."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        workspace=workspace,
        name=name.strip()[:80],
        scope=scope if scope in Scope.values else Scope.READ,
        prefix=secret[: len(PREFIX) + 6],
        secret_hash=hash_secret(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, secret


def active_token(secret: str) -> ApiToken | None:
    """The unrevoked, unexpired token with this secret, with its user and workspace."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "workspace")
        .filter(secret_hash=hash_secret(secret), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        # Bookkeeping, not content: an update() leaves the workspace's cached pages alone.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke(user, token_id: int) -> bool:
    return bool(
        ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def tokens_of(user):
    recent = timezone.now() - timedelta(days=30)
    return (
        ApiToken.objects.filter(user=user)
        .filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=recent))
        .select_related("workspace")
    )


def over_rate_limit(token: ApiToken) -> bool:
    """A fixed one-minute window per token in the cache (API_RATE_LIMIT calls per minute)."""
    limit = settings.API_RATE_LIMIT
    if not limit:
        return False
    window = int(timezone.now().timestamp() // 60)
    key = f"koers-api-rate:{token.pk}:{window}"
    if cache.add(key, 1, timeout=120):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        return False
