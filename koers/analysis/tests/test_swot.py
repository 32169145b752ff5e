"""The SWOT: four lists, and the plan session's decision on each item."""

from datetime import date

import pytest
from django.urls import reverse

from koers.actions.models import Action
from koers.analysis import swot
from koers.analysis.errors import AnalysisError
from koers.analysis.models import SwotItem
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session
from koers.plans.models import Plan, Strategy

SWOT = reverse("analysis:swot", args=["acme"])


@pytest.fixture
def risk(workspace, owner):
    return swot.add_item(workspace, owner, kind="risk", description="Grain prices rise")


def decide_url(item):
    return reverse("analysis:swot_decide", args=["acme", item.pk])


def test_items_appear_in_their_quadrant(login, owner, viewer):
    client = login(owner)
    client.post(
        reverse("analysis:swot_new", args=["acme"]),
        {"kind": "opportunity", "description": "Office lunches", "source": "own"},
    )
    html = login(viewer).get(SWOT).content.decode()
    quadrant = html.split('id="q-opportunity"', 1)[1].split("</section>", 1)[0]
    assert "Office lunches" in quadrant and "Not decided yet" in quadrant


def test_responding_links_the_strategy_that_responds(login, owner, plan, risk):
    strategy = plan.strategies.get()
    client = login(owner)
    client.post(decide_url(risk), {"decision": "respond", "strategy": strategy.pk})
    risk.refresh_from_db()
    assert risk.decision == "respond" and risk.strategy == strategy and risk.decided_at
    html = client.get(SWOT).content.decode()
    assert f"#strategy-{strategy.pk}" in html and "Go online" in html


def test_responding_with_an_action_records_its_strategy_too(owner, plan, risk):
    strategy = plan.strategies.get()
    action = Action.objects.create(strategy=strategy, title="Buy grain forward")
    swot.decide(risk, owner, "respond", action=action)
    assert (risk.action, risk.strategy) == (action, strategy)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"decision": "respond"}, "Choose the strategy or action that responds to it."),
        ({"decision": "ignore", "reason": "  "}, "Say why it can be ignored for now."),
    ],
)
def test_a_decision_without_its_reason_or_response_is_refused(login, owner, risk, data, error):
    response = login(owner).post(decide_url(risk), data)
    assert error in response.content.decode()
    risk.refresh_from_db()
    assert risk.decision == "open"


def test_a_strategy_of_another_workspace_cannot_respond(owner, other_workspace, risk):
    elsewhere = Plan.objects.create(
        workspace=other_workspace,
        name="Theirs",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    strategy = Strategy.objects.create(plan=elsewhere, title="Not ours", position=0)
    with pytest.raises(AnalysisError):
        swot.decide(risk, owner, "respond", strategy=strategy)


def test_the_form_does_not_offer_other_workspaces_strategies(login, owner, other_workspace, risk):
    elsewhere = Plan.objects.create(
        workspace=other_workspace,
        name="Theirs",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    strategy = Strategy.objects.create(plan=elsewhere, title="Not ours", position=0)
    response = login(owner).post(decide_url(risk), {"decision": "respond", "strategy": strategy.pk})
    assert "Select a valid choice" in response.content.decode()
    risk.refresh_from_db()
    assert risk.strategy is None


def test_deciding_from_session_mode_returns_to_the_session(login, owner, plan, risk):
    session = make_session(plan, kind=Kind.PLAN)
    run = reverse("meetings:run", args=["acme", plan.pk, session.pk])
    client = login(owner)
    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(session)))]
    at = f"?item={keys.index('analysis')}"  # the review of the lists, after the year in view
    page = client.get(run + at).content.decode()
    assert "Grain prices rise" in page and decide_url(risk) in page
    response = client.post(
        decide_url(risk), {"decision": "ignore", "reason": "Hedged until 2028", "next": run}
    )
    assert response["Location"] == run
    assert "Hedged until 2028" in client.get(run + at).content.decode()


def test_an_outside_next_address_is_not_followed(login, owner, risk):
    response = login(owner).post(
        decide_url(risk), {"decision": "ignore", "reason": "x", "next": "//evil.example/"}
    )
    assert response["Location"] == f"{SWOT}#swot-{risk.pk}"


def test_archiving_keeps_the_item_under_earlier_items(login, owner, risk):
    client = login(owner)
    client.post(reverse("analysis:swot_delete", args=["acme", risk.pk]))
    assert SwotItem.objects.filter(pk=risk.pk, archived_at__isnull=False).exists()
    html = client.get(SWOT).content.decode()
    assert "Grain prices rise" in html.split("Earlier items", 1)[1]
    assert "Grain prices rise" not in html.split("Earlier items", 1)[0].split('class="swot"')[1]
