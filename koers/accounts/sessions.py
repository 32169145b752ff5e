"""Database sessions that bring their user along: one query per request instead of two.

Each session row carries its user's id as a column (LoginSession), so the read every request
makes joins the user in (`select_related`). The user is handed to the authentication backend,
which would otherwise read it again right after. Behaviour is Django's own: expired sessions
are not loaded, logging out deletes the row, and the user still passes every check
`auth.get_user` makes (active account, session hash). The read is the store's public `load()`.
"""

import logging
from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

# The user read with this request's session, until the backend takes it. Every request that
# can reach the backend loads its session first, which sets this afresh (to None when there
# is no session), so a value never outlives its request's use of it.
_loaded_user: ContextVar = ContextVar("koers_loaded_user", default=None)


def take_loaded_user(user_id):
    """The user the session read brought along, if it is `user_id`; None otherwise."""
    user = _loaded_user.get()
    _loaded_user.set(None)
    return user if user is not None and str(user.pk) == str(user_id) else None


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls):
        from koers.accounts.models import LoginSession

        return LoginSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        return session

    def load(self):
        """The session's data, its user read in the same query (as Django's own `load`, which
        reads the row alone)."""
        _loaded_user.set(None)
        try:
            session = (
                self.model.objects.select_related("user")
                .filter(session_key=self.session_key, expire_date__gt=timezone.now())
                .first()
            )
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            session = None
        if session is None:
            self._session_key = None  # as Django's store does: a fresh key on the next save
            return {}
        _loaded_user.set(session.user)
        return self.decode(session.session_data)
