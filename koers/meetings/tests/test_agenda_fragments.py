"""The session page keeps each action's agenda item (needs attention, ready to close) under
what it shows (`AgendaItem.shown`, koers.lib.pagecache fragments): after every kind of change
the page served equals a page rendered from scratch."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.actions import rules as action_rules
from koers.actions.models import ActionUpdate
from koers.actions.tests.factories import make_action
from koers.meetings import decisions
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import AGENDA, PREREAD, RUN, load_agenda_data
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_child_plan, make_session
from tests.pages import assert_fresh, html


@pytest.fixture
def agenda(plan, member, owner, process_owner, team_actions):
    """An update session: the red action needs attention (Mia's update asks Olivia for a
    budget); the green one is ready to close, its update written by a colleague (Pia)."""
    green = team_actions["green"]
    action_rules.post_update(green, process_owner, did="All printed", progress=100, colour="green")
    session = make_session(plan, kind=Kind.UPDATE, days_ahead=2)
    return reverse("meetings:detail", args=["acme", plan.pk, session.pk])


def change(kind, plan, owner, member, process_owner, actions):
    red, green = actions["red"], actions["green"]
    red.refresh_from_db()
    if kind == "action update":
        action_rules.post_update(red, member, did="Called the bank", progress=40, colour="red")
    elif kind == "turned orange":
        action_rules.post_update(red, member, did="Better", progress=50, colour="orange")
    elif kind == "request answered":
        action_rules.answer_request(ActionUpdate.objects.get(action=red), owner)
    elif kind == "due date":
        red.due_date = plan.end_date
        red.save()
    elif kind == "owner renamed":
        member.first_name = "Mira"
        member.save()
    elif kind == "asked person renamed":
        owner.first_name = "Otto"
        owner.save()
    elif kind == "author renamed":
        process_owner.first_name = "Pia"
        process_owner.save()
    elif kind == "agreed last time":
        earlier = make_session(plan, kind=Kind.UPDATE, days_ahead=-30)
        decisions.save_note(earlier, f"action-{red.pk}", owner, "Supplier is late", "Ask the bank")
    elif kind == "ready one reopened":
        action_rules.post_update(green, member, did="Reprint", progress=70, colour="orange")
    elif kind == "time zone":
        plan.workspace.time_zone = "Pacific/Kiritimati"
        plan.workspace.save()


KINDS = [
    "action update",
    "turned orange",
    "request answered",
    "due date",
    "owner renamed",
    "asked person renamed",
    "author renamed",
    "agreed last time",
    "ready one reopened",
    "time zone",
]


@pytest.mark.parametrize("kind", KINDS)
def test_an_agenda_item_is_never_served_stale(
    kind, login, plan, owner, member, process_owner, team_actions, agenda
):
    client = login(owner)
    before = html(client, agenda)  # fills the page and its items
    assert "Open a webshop" in before and "All printed" in before
    change(kind, plan, owner, member, process_owner, team_actions)
    after = html(client, agenda)
    assert_fresh(client, agenda, after, kind)
    # The item does not say a request was answered; dates move only at some hours of the day.
    if kind not in ("time zone", "request answered"):
        assert after != before, f"the agenda does not show: {kind}"


def test_each_language_gets_its_own_items(login, plan, owner, agenda):
    client = login(owner)
    english = html(client, agenda)
    dutch = html(client, agenda, HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch != english
    assert_fresh(client, agenda, dutch, "language", HTTP_ACCEPT_LANGUAGE="nl")


@pytest.mark.parametrize("kind", ["action update", "turned orange", "ready one reopened"])
def test_a_steering_agenda_is_never_served_stale(
    kind, login, plan, owner, member, process_owner, team_actions
):
    """The steering agenda reads the latest update only of the actions its items show."""
    session = make_session(plan, kind=Kind.STEERING, days_ahead=2)
    url = reverse("meetings:detail", args=["acme", plan.pk, session.pk])
    client = login(owner)
    html(client, url)
    change(kind, plan, owner, member, process_owner, team_actions)
    assert_fresh(client, url, html(client, url), kind)


def test_the_pages_read_only_the_actions_and_updates_they_show(plan, member, team_actions):
    strategy = plan.strategies.get()
    now = timezone.now()
    make_action(strategy, member, "Old result", status="done", closed_at=now - timedelta(200))
    make_action(strategy, member, "New result", status="done", closed_at=now - timedelta(5))
    session = make_session(plan, kind=Kind.STEERING)
    for purpose in (AGENDA, RUN):
        actions = {a.title: a for a in load_agenda_data(session, purpose).actions}
        assert "Old result" not in actions and "New result" in actions  # finished this quarter
        assert actions["Open a webshop"].latest_update.did == "Chose a platform"  # needs attention
        assert actions["Print flyers"].latest_update is None  # green: no item shows it
    kept = load_agenda_data(session, PREREAD).actions  # built when its block is rendered
    preread = {k.action.title: k.action for k in kept}
    assert "New result" not in preread  # it lists the open actions
    assert preread["Print flyers"].latest_update.did == "Designed"
    steps = [i.kind for i in flat_items(build_agenda(load_agenda_data(session)))]
    assert "finished" in steps


def change_in_child_plan(kind, plan, child, owner, member, actions):
    """A change to a plan serving `plan`, or to what its "Child plans" item shows of it: the
    child's action asks Olivia (an owner of an action of `plan`) for a budget."""
    action = child.strategies.get().actions.get()
    if kind == "request added":
        action_rules.post_update(
            action,
            member,
            did="Counted",
            need="Two vans",
            need_from=owner,
            progress=30,
            colour="red",
        )
    elif kind == "request answered":
        action_rules.answer_request(ActionUpdate.objects.get(action=action), owner)
    elif kind == "child action update":
        action_rules.post_update(action, member, did="Vans ordered", progress=60, colour="green")
    elif kind == "child strategy update":
        action_rules.post_strategy_update(action.strategy, member, did="On track", colour="green")
    elif kind == "child renamed":
        child.name = "Logistics"
        child.save()
    elif kind in ("owner renamed", "asked person renamed"):  # Mia asks, Olivia is asked
        change(kind, plan, owner, member, None, actions)
    elif kind == "asked person no longer of the plan":
        silent = actions["silent"]  # Olivia's only action there goes to Mia
        silent.owner = member
        silent.save()
    elif kind == "child archived":
        child.archived_at = timezone.now()
        child.save()


CHILD_KINDS = [
    "request added",
    "request answered",
    "child action update",
    "child strategy update",
    "child renamed",
    "owner renamed",
    "asked person renamed",
    "asked person no longer of the plan",
    "child archived",
]


@pytest.fixture
def with_child_plan(plan, owner, member, team_actions):
    """A steering session of a plan that Sales serves; Sales asks Olivia for a budget."""
    child = make_child_plan(plan, "Sales", member, need_from=owner)
    session = make_session(plan, kind=Kind.STEERING, days_ahead=2)
    return child, reverse("meetings:detail", args=["acme", plan.pk, session.pk])


@pytest.mark.parametrize("kind", CHILD_KINDS)
def test_the_child_plans_item_is_never_served_stale(
    kind, login, plan, owner, member, team_actions, with_child_plan
):
    """The "Child plans" item is kept under what its lines show (`ChildPlan.shown`)."""
    child, url = with_child_plan
    client = login(owner)
    before = html(client, url)
    assert "Budget for Sales" in before
    change_in_child_plan(kind, plan, child, owner, member, team_actions)
    after = html(client, url)
    assert_fresh(client, url, after, kind)
    assert after != before, f"the agenda does not show: {kind}"


def test_after_an_update_in_our_plan_the_child_plans_item_comes_kept(
    login, owner, member, team_actions, with_child_plan
):
    _child, url = with_child_plan
    client = login(owner)
    item = "meetings/items/_child_plans.html"
    assert item in [t.name for t in client.get(url).templates]
    red = team_actions["red"]
    red.refresh_from_db()
    action_rules.post_update(red, member, did="Called the bank", progress=40, colour="red")
    response = client.get(url)
    assert "Called the bank" in response.content.decode()  # the page itself is new
    assert item not in [t.name for t in response.templates]
