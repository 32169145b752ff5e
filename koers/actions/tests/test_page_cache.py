"""The cached action list and board are never stale: after every kind of change they equal a
fresh rendering."""

import pytest
from django.urls import reverse

from koers.actions import rules
from koers.actions.models import Action, DoneCriterion
from koers.actions.tests.factories import make_action
from tests.pages import assert_fresh, fresh, html


def pages(client, plan):
    return [html(client, reverse(name, args=["acme", plan.pk])) for name in PAGES]


PAGES = ("actions:list", "actions:board")


def change_by_rules(kind, action, member, owner, strategy):
    if kind == "update":
        rules.post_update(action, member, did="x", progress=55, colour="red")
    elif kind == "close":
        rules.close_action(action, owner, DoneCriterion.FINISHED)
    elif kind == "status":
        rules.set_status(action, "in_progress")
    elif kind == "archive":
        rules.archive_action(action)
    elif kind == "move":
        make_action(strategy, member, "Second")
        rules.move_action(Action.objects.get(title="Second"), -1)
    elif kind == "co-owner":
        action.co_owners.add(owner)
    elif kind == "admin edit":
        action.title = "Renamed in the admin"
        action.save()
    elif kind == "strategy update":
        rules.post_strategy_update(strategy, member, did="x", colour="orange")


@pytest.mark.parametrize(
    "kind",
    ["update", "close", "status", "archive", "move", "co-owner", "admin edit", "strategy update"],
)
def test_no_change_leaves_a_stale_action_list(kind, login, plan, member, owner):
    strategy = plan.strategies.get()
    action = make_action(strategy, member, "Bake")
    client = login(member)
    pages(client, plan)  # fill the cache
    change_by_rules(kind, action, member, owner, strategy)
    for name, served in zip(PAGES, pages(client, plan), strict=True):
        assert served == fresh(client, reverse(name, args=["acme", plan.pk])), f"stale: {kind}"


def test_opening_an_action_keeps_the_cached_pages(login, plan, member):
    action = make_action(plan.strategies.get(), member, "Bake")
    client = login(member)
    plan.workspace.refresh_from_db()
    before = plan.workspace.revision
    client.get(reverse("actions:detail", args=["acme", plan.pk, action.pk]))
    plan.workspace.refresh_from_db()
    assert plan.workspace.revision == before  # reading writes nothing: no cached page goes stale


@pytest.mark.parametrize(
    "kind",
    ["update", "close", "status", "co-owner", "admin edit", "strategy update", "new action"],
)
@pytest.mark.parametrize("page", ["detail", "my"])
def test_no_change_leaves_a_stale_action_page_or_my_actions(kind, page, login, plan, member, owner):
    strategy = plan.strategies.get()
    action = make_action(strategy, member, "Bake")
    args = {"detail": ["acme", plan.pk, action.pk], "my": ["acme"]}[page]
    name = {"detail": "actions:detail", "my": "meetings:my_work"}[page]
    url = reverse(name, args=args)
    client = login(member)
    before = html(client, url)  # fills the cache
    if kind == "new action":
        make_action(strategy, member, "Deliver to the café")
    else:
        change_by_rules(kind, action, member, owner, strategy)
    after = html(client, url)
    assert_fresh(client, url, after, kind)
    if kind in SHOWN[page]:
        assert after != before, f"{page} does not show: {kind}"


SHOWN = {
    "detail": {"update", "close", "status", "co-owner", "admin edit"},
    "my": {"update", "close", "admin edit", "new action"},
}
