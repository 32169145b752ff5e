"""Session pages cost the same number of queries for a small or a large action plan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.actions.models import Action, ActionUpdate
from koers.actions.tests.factories import days_ago
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


def grow(plan, owner, n):
    strategy = plan.strategies.get()
    actions = Action.objects.bulk_create(
        Action(
            strategy=strategy,
            owner=owner,
            title=f"A{i}",
            position=i,
            colour=["red", "orange", "green"][i % 3],
            progress=i % 101,
        )
        for i in range(n)
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=a, author=owner, did="x", progress=10, colour=a.colour, created_at=days_ago(d)
        )
        for a in actions
        for d in range(3)
    )


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["detail", "run", "preread", "minutes"])
@pytest.mark.parametrize("kind", [Kind.UPDATE, Kind.STEERING, Kind.PLAN])
def test_session_pages_do_not_grow_with_the_plan(page, kind, login, plan, process_owner, member):
    session = make_session(plan, kind=kind)
    client = login(process_owner)
    url = reverse(f"meetings:{page}", args=["acme", plan.pk, session.pk])
    grow(plan, member, 5)
    client.get(url)  # the first visit creates the plan's default rhythm
    small = count(client, url)
    grow(plan, member, 100)
    assert count(client, url) == small
    # Session mode renders several decision forms, each listing the team (one query each);
    # the plan session also reads the dashboard (KPIs, figures, milestones); steering and plan
    # sessions read the analysis tools (signals, scenario sets; the plan session also the SWOT).
    extra = {Kind.UPDATE: 0, Kind.STEERING: 2, Kind.PLAN: 6}[kind]
    assert small <= (18 if page == "run" else 14) + extra
