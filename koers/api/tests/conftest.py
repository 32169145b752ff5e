"""A plan with one of everything the API serves, and tokens for every role."""

import pytest

from koers.actions import rules
from koers.actions.tests.factories import make_action
from koers.api.tokens import create_token
from koers.dashboard.services import ensure_kpis
from koers.meetings.models import AgendaNote, Decision
from koers.meetings.tests.factories import make_session


@pytest.fixture
def world(plan, users, workspace, other_workspace):
    strategy = plan.strategies.get()
    member = users["member"]
    action = make_action(strategy, owner=member, title="Open a web shop")
    asked = rules.post_update(
        action, member, need="A budget", need_from=member, progress=10, colour="orange"
    )
    ensure_kpis(plan)
    session = make_session(plan)
    AgendaNote.objects.create(session=session, item_key="kpis", reasons="Slow", remedy="Push")
    Decision.objects.create(session=session, type=Decision.Type.NOTE, summary="Hire a baker")
    return {
        "slug": workspace.slug,
        "plan": plan.pk,
        "action": action.pk,
        "request": asked.pk,
        "kpi": plan.kpis.order_by("pk").first().pk,
        "session": session.pk,
    }


@pytest.fixture
def token_for(workspace):
    def make(user, scope="write", space=None):
        return create_token(user, space or workspace, "test", scope, 30)[1]

    return make


@pytest.fixture
def api(client):
    """Call the API with a bearer token: api("get", "/api/…", secret, json=…, headers=…)."""

    def call(method, path, secret=None, json=None, headers=None):
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
        if secret:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        if json is not None:
            return getattr(client, method)(path, json, content_type="application/json", **extra)
        return getattr(client, method)(path, **extra)

    return call
