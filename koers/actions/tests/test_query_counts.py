"""The action pages cost the same number of queries for 10 or 200 actions: a full page at most
8 (the session and the user, the plan door, then the page's own few), an htmx fragment at most 4."""

import pytest
from django.urls import reverse

from koers.actions.models import Action, ActionUpdate
from koers.actions.tests.factories import days_ago, make_action
from tests.pages import fresh_queries

HTMX = {"HTTP_HX_REQUEST": "true"}


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


@pytest.mark.parametrize("page", ["actions:list", "actions:board"])
def test_plan_action_pages_do_not_grow_with_actions(page, login, plan, member):
    client = login(member)
    url = reverse(page, args=["acme", plan.pk])
    grow(plan, member, 10)
    small = fresh_queries(client, url)
    grow(plan, member, 190)
    assert fresh_queries(client, url) == small <= 8


def test_my_actions_does_not_grow_with_actions(login, plan, member):
    client = login(member)
    url = reverse("meetings:my_work", args=["acme"])
    grow(plan, member, 10)
    small = fresh_queries(client, url)
    grow(plan, member, 190)
    # One more than the action pages: My work also lists my proposals awaiting a decision, a
    # query of their own (meetings.asked.my_proposals), as its other lists have.
    assert fresh_queries(client, url) == small <= 9


@pytest.mark.parametrize("page", ["actions:list", "actions:board"])
@pytest.mark.parametrize("role", ["member", "owner"])
def test_filtering_with_htmx_costs_four_queries(page, role, login, plan, member, owner):
    client = login({"member": member, "owner": owner}[role])
    url = reverse(page, args=["acme", plan.pk]) + "?status=todo&sort=due"
    grow(plan, member, 10)
    small = fresh_queries(client, url, **HTMX)
    grow(plan, member, 190)
    # A member's board also reads co-owners: they may move only the cards they (co-)own.
    ceiling = 5 if (page, role) == ("actions:board", "member") else 4
    assert fresh_queries(client, url, **HTMX) == small <= ceiling


def test_the_action_page_does_not_grow_with_updates(login, plan, member, owner, viewer):
    action = make_action(plan.strategies.get(), member, "Bake")
    action.co_owners.add(owner, viewer)
    client = login(member)  # the action's owner: the page shows the update form and the team
    url = reverse("actions:detail", args=["acme", plan.pk, action.pk])
    small = fresh_queries(client, url)
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=action,
            author=owner,
            on_behalf_of=member,
            did="x",
            need="help",
            need_from=viewer,
            need_answered_by=viewer,
            need_answered_at=days_ago(1),
            progress=10,
            colour="orange",
            created_at=days_ago(i),
        )
        for i in range(100)
    )
    html = client.get(url).content.decode()
    assert "Olivia" in html and "Victor" in html  # the updates' people are on the page
    assert fresh_queries(client, url) == small <= 8
