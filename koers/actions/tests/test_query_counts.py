"""The action pages cost the same number of queries for 10 or 200 actions."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.actions.models import Action, ActionUpdate
from koers.actions.tests.factories import days_ago


def grow(plan, owner, n):
    strategy = plan.strategies.get()
    actions = Action.objects.bulk_create(
        Action(strategy=strategy, owner=owner, title=f"A{i}", position=i) for i in range(n)
    )
    for action in actions:
        action.co_owners.add(owner)
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=a,
            author=owner,
            did="x",
            progress=10,
            colour="green",
            created_at=days_ago(i % 30),
        )
        for i, a in enumerate(actions)
        for _ in range(3)
    )


def count(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["actions:list", "actions:board"])
def test_plan_action_pages_do_not_grow_with_actions(page, login, plan, member):
    client = login(member)
    url = reverse(page, args=["acme", plan.pk])
    grow(plan, member, 10)
    small = count(client, url)
    grow(plan, member, 190)
    assert count(client, url) == small <= 8


def test_my_actions_does_not_grow_with_actions(login, plan, member):
    client = login(member)
    url = reverse("actions:my", args=["acme"])
    grow(plan, member, 10)
    small = count(client, url)
    grow(plan, member, 190)
    assert count(client, url) == small <= 8
