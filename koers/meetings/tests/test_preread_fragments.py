"""The pre-read keeps each action's block and each rescored trend under what they show
(koers.lib.pagecache fragments): after every kind of change the page served equals a page
rendered from scratch."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.actions import rules as action_rules
from koers.actions.models import ActionUpdate
from koers.analysis import trends
from koers.analysis.agenda import trend_changes
from koers.analysis.tests.factories import trend
from koers.meetings import decisions, shifts
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_action, make_session
from koers.plans import retiring
from koers.plans.models import Strategy
from tests.pages import assert_fresh, html


def change(kind, plan, owner, member, actions, session, rescored):
    red, green = actions["red"], actions["green"]
    if kind == "action update":
        action_rules.post_update(green, member, did="Printed", progress=90, colour="orange")
    elif kind == "request answered":
        action_rules.answer_request(ActionUpdate.objects.get(action=red), owner)
    elif kind == "action renamed":
        red.title = "Open a webshop and a stall"
        red.save()
    elif kind == "action archived":
        action_rules.archive_action(green)
    elif kind == "owner renamed":
        member.first_name = "Mira"
        member.save()
    elif kind == "asked person renamed":
        owner.first_name = "Otto"
        owner.save()
    elif kind == "agreed last time":
        earlier = make_session(plan, kind=Kind.UPDATE, days_ahead=-30)
        decisions.save_note(earlier, f"action-{red.pk}", owner, "Supplier is late", "Ask the bank")
    elif kind == "round opened":
        session.round_opened_at = red.updates.get().created_at.replace(year=2099)
        session.save()
    elif kind == "time zone":
        plan.workspace.time_zone = "Pacific/Kiritimati"
        plan.workspace.save()
    elif kind == "trend rescored":
        rescored.urgency = 1
        trends.record_scores(rescored, owner)
    elif kind == "trend renamed":
        rescored.title = "Older customers"
        rescored.save()
    elif kind == "trend archived":
        rescored.archived_at = timezone.now()
        rescored.save()
    elif kind == "strategy update":
        action_rules.post_strategy_update(red.strategy, owner, did="Opened", colour="green")
    elif kind == "strategy retired":
        retiring.retire(red.strategy, owner)
    elif kind == "action moved to a new strategy":
        moved = Strategy.objects.create(plan=plan, title="Sell online", position=2, owner=owner)
        green.strategy = moved
        green.save()
    elif kind == "new action":
        make_action(red.strategy, member, "Bake samples")
    elif kind == "another trend rescored":
        other = trend(plan.workspace, "Fewer shops in town")
        other.impact = 1
        trends.record_scores(other, owner)


KINDS = [
    "action update",
    "request answered",
    "action renamed",
    "action archived",
    "owner renamed",
    "asked person renamed",
    "agreed last time",
    "round opened",
    "time zone",
    "strategy update",
    "strategy retired",
    "action moved to a new strategy",
    "new action",
    "trend rescored",
    "trend renamed",
    "trend archived",
    "another trend rescored",
]


@pytest.fixture
def steering(plan, owner):
    rescored = trend(plan.workspace, "Ageing customers")
    rescored.impact = 5
    trends.record_scores(rescored, owner)
    return make_session(plan, kind=Kind.STEERING, days_ahead=2), rescored


@pytest.mark.parametrize("kind", KINDS)
def test_a_pre_read_block_is_never_served_stale(
    kind, login, plan, owner, member, team_actions, steering
):
    session, rescored = steering
    address = reverse("meetings:preread", args=["acme", plan.pk, session.pk])
    client = login(owner)
    before = html(client, address)  # fills the page and its fragments
    assert "Ageing customers" in before and "Print flyers" in before
    change(kind, plan, owner, member, team_actions, session, rescored)
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    if kind not in ("time zone", "another trend rescored"):  # its dates move at some hours
        assert after != before, f"the page does not show: {kind}"


def test_each_language_gets_its_own_blocks(login, plan, owner, team_actions, steering):
    session, _rescored = steering
    address = reverse("meetings:preread", args=["acme", plan.pk, session.pk])
    client = login(owner)
    english = html(client, address)
    dutch = html(client, address, HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch != english
    assert_fresh(client, address, dutch, "language", HTTP_ACCEPT_LANGUAGE="nl")


def test_the_pre_read_lists_the_trends_the_agenda_does(plan, owner, steering):
    """The pre-read reads the rescored trends raw (meetings/shifts.py): the same trends and
    scores as the analysis rule (`analysis.agenda.trend_changes`), in the same order."""
    session, rescored = steering
    trend(plan.workspace, "Scored once")  # scored in the window but never rescored: no news
    other = trend(plan.workspace, "Fewer shops in town")
    other.impact = 1
    trends.record_scores(other, owner)
    since = session.starts_at - timedelta(days=92)
    expected = trend_changes(plan.workspace_id, since)
    kept = shifts.trend_changes(plan.workspace_id, since)
    assert [h.trend.title for h in kept] == ["Ageing customers", "Fewer shops in town"]
    assert [[s.pk for s in h.scores] for h in kept] == [[s.pk for s in h.scores] for h in expected]
