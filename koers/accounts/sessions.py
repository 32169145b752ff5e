"""Database sessions that bring their user along: one query per request instead of two.

Each session row carries its user's id as a column (LoginSession), so the read every request
makes joins the user in. The user is handed to the authentication backend, which would
otherwise read it again right after. The read is fixed SQL: compiling it with the ORM cost more
than running it (koers.lib.rows). Behaviour is Django's own: expired sessions are not loaded,
logging out deletes the row, and the user still passes every check `auth.get_user` makes
(active account, session hash).
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
    # Only quoted identifiers from the models' metadata are formatted in; values are parameters.
    return (
        f"SELECT s.{q('session_data', using)}, {rows.columns(user, 'u', using)} "  # noqa: S608
        f"FROM {rows.table(model, using)} s "
        f"LEFT JOIN {rows.table(user, using)} u "
        f"ON u.{q(user._meta.pk.column, using)} = s.{q('user_id', using)} "
        f"WHERE s.{q('session_key', using)} = %s AND s.{q('expire_date', using)} > %s"
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

    def _get_session_from_db(self):
        using = router.db_for_read(self.model)
        now = connections[using].ops.adapt_datetimefield_value(timezone.now())
        row = rows.fetch_one(_load_sql(self.model, using), [self.session_key, now], using)
        user = None
        if row is not None and row[1] is not None:
            user = rows.instance(get_user_model(), row[1:], using)
        _loaded_user.set(user)
        if row is None:
            self._session_key = None
            return None
        return self.model(session_key=self.session_key, session_data=row[0])
