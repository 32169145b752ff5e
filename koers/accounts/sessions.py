"""Database sessions that bring their user along: one query per request instead of two.

Each session row carries its user's id as a column (LoginSession), so the read every request
makes joins the user in. The user is handed to the authentication backend,
which would otherwise read it again right after. Behaviour is Django's own: expired sessions
are not loaded, logging out deletes the row, and the user still passes every check
`auth.get_user` makes (active account, session hash). The read is the store's public
`load()`, in fixed SQL, since compiling it with the ORM cost more than running it
(koers.lib.rows).
"""

from contextvars import ContextVar
from functools import cache

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from koers.lib import rows

# The user read with this request's session, until the backend takes it. Every request that
# can reach the backend loads its session first, which sets this afresh (to None when there
# is no session), so a value never outlives its request's use of it.
_loaded_user: ContextVar = ContextVar("koers_loaded_user", default=None)


def take_loaded_user(user_id):
    """The user the session read brought along, if it is `user_id`; None otherwise."""
    user = _loaded_user.get()
    _loaded_user.set(None)
    return user if user is not None and str(user.pk) == str(user_id) else None


@cache
def _load_sql(model, using: str) -> str:
    q, user = rows.quote, get_user_model()
    return (
        f"SELECT s.{q('session_data', using)} AS {q('session_data', using)}, "  # noqa: S608
        f"{rows.columns(user, 'u', using)} "
        f"FROM {rows.table(model, using)} s "
        f"LEFT JOIN {rows.table(user, using)} u "
        f"ON u.{q(user._meta.pk.column, using)} = s.{q('user_id', using)} "
        f"WHERE s.{q('session_key', using)} = %(key)s AND s.{q('expire_date', using)} > %(now)s"
    )


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
        """The session's data, its user read in the same query (Django's own `load` reads
        the row alone). Fixed SQL: every request makes this read (koers.lib.rows)."""
        using = router.db_for_read(self.model)
        now = connections[using].ops.adapt_datetimefield_value(timezone.now())
        row = rows.fetch_one(
            _load_sql(self.model, using), {"key": self.session_key, "now": now}, using
        )
        _loaded_user.set(rows.instance(get_user_model(), row, "u", using) if row else None)
        if row is None:
            self._session_key = None  # as Django's store does: a fresh key on the next save
            return {}
        return self.decode(row["session_data"])
