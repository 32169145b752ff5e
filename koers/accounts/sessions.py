"""Django's database sessions, with the lookup every request makes written as fixed SQL.

Same table, same behaviour (expired sessions are not loaded, logging out deletes the row): only
the read skips the ORM's query compiler, which cost more than the query itself (koers.lib.rows).
"""

from functools import cache

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from koers.lib import rows


@cache
def _load_sql(model, using: str) -> str:
    q = rows.quote
    # Only quoted identifiers from the model's metadata are formatted in; values are parameters.
    return (
        f"SELECT {q('session_data', using)} FROM {rows.table(model, using)} "  # noqa: S608
        f"WHERE {q('session_key', using)} = %s AND {q('expire_date', using)} > %s"
    )


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        using = router.db_for_read(self.model)
        now = connections[using].ops.adapt_datetimefield_value(timezone.now())
        row = rows.fetch_one(_load_sql(self.model, using), [self.session_key, now], using)
        if row is None:
            self._session_key = None
            return None
        return self.model(session_key=self.session_key, session_data=row[0])
