"""Log in with a username or an e-mail address."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from koers.accounts.sessions import take_loaded_user


def find_user(name: str):
    """The account a typed name (username or e-mail, any case) points at, or None."""
    users = get_user_model()._default_manager
    field = "email__iexact" if "@" in name else "username__iexact"
    return users.filter(**{field: name.strip()}).order_by("pk").first()


def lockout_name(request, credentials) -> str:
    """The name failed logins are counted under (AXES_USERNAME_CALLABLE).

    Every spelling of one account (BAKER, baker@example.com) shares one budget, so the
    lockout cannot be dodged by retyping the name differently.
    """
    data = credentials or getattr(request, "POST", {}) or {}
    typed = (data.get("username") or "").strip()
    user = find_user(typed) if typed else None
    return user.username.lower() if user else typed.lower()


class UsernameOrEmailBackend(ModelBackend):
    def get_user(self, user_id):
        """The logged-in user: read with the session when it can be (koers.accounts.sessions),
        otherwise on its own."""
        user = take_loaded_user(user_id)
        if user is None:
            user = get_user_model()._default_manager.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None or not settings.SSO_PASSWORD_LOGIN:
            return None
        user = find_user(username)
        if user is None:
            # Hash anyway so a missing account costs the same time as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
