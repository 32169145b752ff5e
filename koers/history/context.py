"""Who is changing things, and from where: carried to the recorder without passing it around.

The middleware puts the request in a context variable for its duration; commands and tasks
that change data say who they act for with `acting(...)`. The recorder reads it when a change
is saved, so no view has to pass "who/from where" to the rules.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    actor_id: int | None = None
    actor_name: str = ""
    source: str = ""
    source_path: str = ""
    session_id: int | None = None


_request: ContextVar = ContextVar("koers_history_request", default=None)
_acting: ContextVar = ContextVar("koers_history_acting", default=None)


class HistoryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


@contextmanager
def acting(user=None, source: str = "", session_id: int | None = None):
    """Record changes made inside as made by `user` from `source` (a command, a task)."""
    where = Where(
        actor_id=getattr(user, "pk", None),
        actor_name=_name(user),
        source=source,
        session_id=session_id,
    )
    token = _acting.set(where)
    try:
        yield
    finally:
        _acting.reset(token)


def _name(user) -> str:
    if user is None:
        return ""
    return getattr(user, "display_name", "") or str(user)


def current() -> Where:
    acting_now = _acting.get()
    if acting_now is not None:
        return acting_now
    request = _request.get()
    if request is None:
        return Where(source="system")
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    session_id = kwargs.get("session_id")
    return Where(
        actor_id=user.pk if authenticated else None,
        actor_name=_name(user) if authenticated else "",
        source=match.view_name if match else "",
        source_path=request.path[:300],
        session_id=session_id if isinstance(session_id, int) else None,
    )
