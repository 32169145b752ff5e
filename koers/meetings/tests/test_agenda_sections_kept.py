"""The steering agenda keeps every item and every section under what it shows
(`meetings/agenda/shown.py`): after each kind of change the page served equals a page rendered
from scratch, and a change renders again only the sections it touched."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.actions import rules as action_rules
from koers.actions.tests.factories import make_action
from koers.analysis import canvas, scenarios, trends
from koers.analysis.models import Signal
from koers.analysis.tests.factories import scenario_set
from koers.meetings import decisions
from koers.meetings.models import EvaluationItem, Kind
from koers.meetings.tests.factories import make_session
from tests.pages import assert_fresh, html


@pytest.fixture
def steering(plan, owner, member, team_actions):
    """A steering session with one of everything its agenda shows: the red action needs
    attention, a strategy update, a finished action, one to do, a proposal, an item of the
    last evaluation to review, a signal, a rescored trend and the scenarios' likelihoods."""
    strategy, today = plan.strategies.get(), timezone.localdate()
    earlier = make_session(plan, kind=Kind.STEERING, days_ahead=-60)
    session = make_session(plan, kind=Kind.STEERING, days_ahead=2)
    action_rules.post_strategy_update(strategy, member, did="Webshop chosen", colour="orange")
    done = make_action(strategy, member, "Hire a designer")
    action_rules.close_action(done, member, "finished")
    make_action(strategy, member, "Print menus", proposed=True, proposed_by=member)
    EvaluationItem.objects.create(session=earlier, topic="team", verdict="stop", text="Long talks")
    Signal.objects.create(
        workspace=plan.workspace, observed_on=today, kind="news", title="Mill closes"
    )
    futures = scenario_set(plan.workspace, member)
    ids = [s.pk for s in futures.scenarios.order_by("pk")]
    scenarios.record_likelihoods(
        futures, today - timedelta(days=90), dict.fromkeys(ids, 25), member
    )
    return {
        "url": reverse("meetings:detail", args=["acme", plan.pk, session.pk]),
        "session": session,
        "futures": futures,
        "ids": ids,
    }


def change(kind, plan, owner, member, actions, steering):
    strategy, today = plan.strategies.get(), timezone.localdate()
    red, silent = actions["red"], actions["silent"]
    for action in (red, silent):
        action.refresh_from_db()
    if kind == "action update":
        action_rules.post_update(red, member, did="Called the bank", progress=40, colour="red")
    elif kind == "strategy update":
        action_rules.post_strategy_update(strategy, owner, did="Shop is live", colour="green")
    elif kind == "strategy renamed":
        strategy.title = "Sell online"
        strategy.save()
    elif kind == "action finished":
        action_rules.close_action(red, member, "finished")
    elif kind == "action to do renamed":
        silent.title = "Hire two bakers"
        silent.save()
    elif kind == "action to do started":
        action_rules.post_update(silent, owner, did="Posted the job", progress=10, colour="green")
    elif kind == "agreed last time":
        earlier = make_session(plan, kind=Kind.STEERING, days_ahead=-30)
        decisions.save_note(earlier, f"action-{silent.pk}", owner, "No one applied", "Ask around")
    elif kind == "proposal added":
        make_action(strategy, owner, "Bake at night", proposed=True, proposed_by=owner)
    elif kind == "proposer renamed":
        member.first_name = "Mira"
        member.save()
    elif kind == "evaluation reviewed":
        item = EvaluationItem.objects.get(text="Long talks")
        decisions.review_evaluation_item(steering["session"], item, "done")
    elif kind == "signal added":
        Signal.objects.create(
            workspace=plan.workspace, observed_on=today, kind="news", title="New bakery"
        )
    elif kind == "likelihoods recorded":
        percents = dict(zip(steering["ids"], [40, 30, 20, 10], strict=True))
        scenarios.record_likelihoods(steering["futures"], today, percents, member)
    elif kind == "trend rescored":
        trend = steering["futures"].driver_x
        trend.urgency = 5
        trends.save_trend(trend, ["urgency"], trend.version, member)
    elif kind == "business model saved":
        canvas.save_version(plan.workspace, "Now", member)
    elif kind == "workspace renamed":  # the items' links name its address
        plan.workspace.slug = "acme-bakery"
        plan.workspace.save()


KINDS = [
    "action update",
    "strategy update",
    "strategy renamed",
    "action finished",
    "action to do renamed",
    "action to do started",
    "agreed last time",
    "proposal added",
    "proposer renamed",
    "evaluation reviewed",
    "signal added",
    "likelihoods recorded",
    "trend rescored",
    "business model saved",
]


@pytest.mark.parametrize("kind", KINDS)
def test_a_steering_agenda_section_is_never_served_stale(
    kind, login, plan, owner, member, team_actions, steering
):
    client = login(owner)
    before = html(client, steering["url"])
    for shown in ("Webshop chosen", "Hire a designer", "Print menus", "Long talks", "Mill closes"):
        assert shown in before
    change(kind, plan, owner, member, team_actions, steering)
    after = html(client, steering["url"])
    assert_fresh(client, steering["url"], after, kind)
    assert after != before, f"the agenda does not show: {kind}"


def test_the_items_links_follow_the_workspace_address(
    login, plan, owner, member, team_actions, steering
):
    client = login(owner)
    html(client, steering["url"])
    change("workspace renamed", plan, owner, member, team_actions, steering)
    url = steering["url"].replace("/acme/", "/acme-bakery/")
    after = html(client, url)
    assert "/w/acme/" not in after
    assert_fresh(client, url, after, "workspace renamed")


def test_an_action_update_renders_again_only_its_own_section(
    login, plan, owner, member, team_actions, steering
):
    client = login(owner)
    client.get(steering["url"])
    change("action update", plan, owner, member, team_actions, steering)
    response = client.get(steering["url"])
    assert "Called the bank" in response.content.decode()
    rendered = {t.name for t in response.templates}
    assert "meetings/items/_attention.html" in rendered  # the action's own item
    for kept in ("_strategy_update", "_priorities", "_proposals", "_signals", "_scenarios"):
        assert f"meetings/items/{kept}.html" not in rendered, kept
