"""Login and password-reset throttling: per account across addresses, per address across
accounts, and per account from one address.

django-axes counts the failed logins (AXES_LOCKOUT_PARAMETERS lists the three ways to count);
`LoginThrottle` gives each way its own limit (LOGIN_LIMITS), because one number cannot fit all
three: a lock on the account alone must allow more failures than on account-and-address, or a
stranger could lock anyone out with a few guesses, and one address may be an office's NAT.
"""

import ipaddress
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


def _address(text: str) -> str | None:
    """`text` as an IP address, or None: the address columns (inet on PostgreSQL) take no other."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address a request is counted under (AXES_CLIENT_IP_CALLABLE).

    Behind a reverse proxy (BEHIND_PROXY) every connection comes from the proxy, which appends
    the client's address to X-Forwarded-For: the last entry is the one the proxy saw, earlier
    ones are whatever the client claimed. Without a proxy the header is the client's own
    invention and is ignored.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops and _address(hops[-1]):
            return _address(hops[-1])
    return _address(request.META.get("REMOTE_ADDR", ""))


def _key(parameter) -> str:
    return parameter if isinstance(parameter, str) else "+".join(parameter)


class LoginThrottle(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures on the scale of AXES_FAILURE_LIMIT: the count of the way of counting
        that is nearest its own limit, so reaching any limit reaches AXES_FAILURE_LIMIT."""
        scale = settings.AXES_FAILURE_LIMIT
        worst = 0
        attempts_list = self.get_user_attempts(request, credentials)
        for parameter, attempts in zip(
            settings.AXES_LOCKOUT_PARAMETERS, attempts_list, strict=True
        ):
            limit = settings.LOGIN_LIMITS.get(_key(parameter), scale)
            count = sum(attempts.values_list("failures_since_start", flat=True))
            worst = max(worst, count * scale // limit)
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears the account's failures, not the address's: otherwise one
        could spray guesses at others and log in to one's own account now and then to reset."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def password_reset_allowed(email: str, address: str) -> bool:
    """Whether another reset mail may go out; records it when it may."""
    from koers.accounts.models import PasswordResetRequest

    now = timezone.now()
    window = timedelta(minutes=settings.PASSWORD_RESET_WINDOW_MINUTES)
    PasswordResetRequest.objects.filter(requested_at__lt=now - window).delete()
    email = email.strip().lower()[:254]
    recent = PasswordResetRequest.objects.filter(requested_at__gte=now - window)
    limit = settings.PASSWORD_RESET_LIMIT
    if (
        recent.filter(email=email).count() >= limit
        or recent.filter(ip_address=address or "").count() >= 10 * limit
    ):
        return False
    PasswordResetRequest.objects.create(email=email, ip_address=address or "", requested_at=now)
    return True
