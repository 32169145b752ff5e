"""The plan session decides on its inputs in session mode: each SWOT item (respond, possibly
with a new strategy in the draft or a new action, or ignore for now), goals added and retired
in the draft, and KPI milestones; every decision is in the minutes, versioned."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from koers.actions.models import Action
from koers.analysis import swot
from koers.dashboard.models import KpiTarget
from koers.dashboard.services import milestones_seen
from koers.dashboard.tests.factories import kpis_of
from koers.meetings.models import Decision, Kind
from koers.meetings.tests.factories import index_of, make_session
from koers.plans import versions
from koers.plans.models import Goal


def url(name, session):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


def minutes(client, session, language="en"):
    return client.get(url("minutes", session), HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.fixture
def session(plan):
    return make_session(plan, kind=Kind.PLAN)


@pytest.fixture
def risk(workspace, member):
    return swot.add_item(workspace, member, kind="risk", description="Grain prices rise")


def decide(client, session, risk, **data):
    post = {"item": risk.pk, "version": risk.version, "item_index": 0, **data}
    return client.post(url("swot_step", session), post)


# --- SWOT ---------------------------------------------------------------------------------------


def test_the_analysis_item_offers_a_decision_per_item(login, session, process_owner, risk):
    page = (
        login(process_owner)
        .get(url("run", session) + f"?item={index_of(session, 'analysis')}")
        .content.decode()
    )
    assert f'id="swot-step-{risk.pk}"' in page and "A new strategy, in the draft" in page


def test_respond_with_a_new_strategy_puts_it_in_the_draft_and_the_minutes(
    login, session, plan, process_owner, risk
):
    client = login(process_owner)
    response = decide(
        client, session, risk, decision="respond", response="new-strategy", title="Local grain"
    )
    assert response.status_code == 302
    draft = versions.draft_of(plan)
    assert [s["title"] for s in draft.content["strategies"]] == ["Go online", "Local grain"]
    assert plan.strategies.count() == 1  # the active plan as it was
    risk.refresh_from_db()
    assert (risk.decision, risk.response, risk.strategy) == ("respond", "Local grain", None)
    html = minutes(client, session)
    assert "Risk “Grain prices rise”: we respond with a new strategy “Local grain”" in html
    assert "Strategy “Local grain”: added." in html
    assert "Risico “Grain prices rise”" in minutes(client, session, "nl")
    swot_page = client.get(reverse("analysis:swot", args=["acme"])).content.decode()
    assert "with a new strategy “Local grain”" in swot_page


def test_a_new_strategy_in_answer_to_an_item_says_in_the_draft_where_it_came_from(
    login, session, plan, process_owner, owner, risk, workspace, member
):
    client = login(process_owner)
    decide(client, session, risk, decision="respond", response="new-strategy", title="Local grain")
    chance = swot.add_item(workspace, member, kind="opportunity", description="Tourists")
    post = {"item": chance.pk, "version": chance.version, "item_index": 0, "decision": "respond"}
    post |= {"response": "new-strategy", "title": "Tourist bread"}
    client.post(url("swot_step", session), post, HTTP_ACCEPT_LANGUAGE="nl")
    added = {s["title"]: s for s in versions.draft_of(plan).content["strategies"]}
    assert added["Local grain"]["description"] == "In response to the risk “Grain prices rise”."
    assert added["Tourist bread"]["description"] == "Als antwoord op de kans “Tourists”."
    # The draft editor shows it, and activating the draft keeps it in the plan.
    client = login(owner)
    draft_page = client.get(
        reverse("plans:draft", args=["acme", plan.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "In response to the risk “Grain prices rise”." in draft_page.content.decode()
    versions.activate(versions.draft_of(plan), process_owner, "Plan session")
    plan_page = client.get(
        reverse("plans:detail", args=["acme", plan.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "In response to the risk “Grain prices rise”." in plan_page.content.decode()


def test_respond_with_a_new_action_adds_it_to_the_action_plan_at_once(
    login, session, plan, process_owner, risk
):
    strategy = plan.strategies.get()
    client = login(process_owner)
    decide(
        client,
        session,
        risk,
        decision="respond",
        response="new-action",
        title="Buy grain forward",
        strategy=strategy.pk,
    )
    action = Action.objects.get(title="Buy grain forward")
    risk.refresh_from_db()
    assert action.strategy == strategy and risk.action == action
    types = [d.type for d in session.decisions.all()]
    assert types == [Decision.Type.NEW_ACTION, Decision.Type.SWOT]


def test_respond_with_an_existing_strategy_and_ignore_with_a_reason(
    login, session, plan, process_owner, risk, workspace, member
):
    strategy = plan.strategies.get()
    client = login(process_owner)
    decide(client, session, risk, decision="respond", response=f"s{strategy.pk}")
    risk.refresh_from_db()
    assert risk.strategy == strategy
    other = swot.add_item(workspace, member, kind="opportunity", description="Tourists")
    decide(client, session, other, decision="ignore", reason="Too small for now")
    other.refresh_from_db()
    assert (other.decision, other.reason) == ("ignore", "Too small for now")
    html = minutes(client, session)
    assert "we respond with strategy “Go online”" in html and "Too small for now" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"decision": "respond", "response": ""}, "Choose what we respond with."),
        ({"decision": "respond", "response": "new-strategy"}, "Give the new strategy"),
        ({"decision": "ignore", "reason": " "}, "Say why it can be ignored for now."),
        ({"decision": "respond", "response": "s999999"}, "Choose a strategy or action of this"),
        ({"decision": "maybe"}, "Select a valid choice"),
    ],
)
def test_bad_decisions_are_refused_in_place_and_change_nothing(
    login, session, plan, process_owner, risk, data, message
):
    response = decide(login(process_owner), session, risk, **data)
    assert response.status_code == 422 and message in response.content.decode()
    risk.refresh_from_db()
    assert risk.decision == "open" and not session.decisions.exists()
    assert versions.draft_of(plan) is None


def test_a_colleague_s_decision_meanwhile_is_a_conflict(
    login, session, plan, process_owner, owner, risk
):
    seen = risk.version
    swot.decide(risk, owner, "ignore", reason="Colleague says so")
    response = login(process_owner).post(
        url("swot_step", session),
        {"item": risk.pk, "version": seen, "decision": "respond", "response": "new-strategy",
         "title": "Local grain", "item_index": 0},
    )  # fmt: skip
    assert response.status_code == 422 and "Someone changed this item" in response.content.decode()
    risk.refresh_from_db()
    assert risk.reason == "Colleague says so" and versions.draft_of(plan) is None


# --- Goals in the draft -------------------------------------------------------------------------


def test_a_goal_is_added_and_another_retired_in_the_draft(
    login, session, plan, process_owner, owner
):
    goal = plan.goals.get()
    draft = versions.start_draft(plan, owner)
    client = login(process_owner)
    page = client.get(url("run", session) + f"?item={index_of(session, 'draft-goals')}")
    assert "Add a goal" in page.content.decode() and "Retire in the draft" in page.content.decode()
    client.post(
        url("draft_edit", session),
        {"op": "add", "kind": "goal", "draft_version": draft.version, "title": "Customers 500",
         "target_value": "500", "target_unit": "customers", "item_index": 0},
    )  # fmt: skip
    draft.refresh_from_db()
    client.post(
        url("draft_edit", session),
        {"op": "remove", "kind": "goal", "key": f"g{goal.pk}", "draft_version": draft.version,
         "item_index": 0},
    )  # fmt: skip
    draft.refresh_from_db()
    assert [g["title"] for g in draft.content["goals"]] == ["Customers 500"]
    assert Goal.objects.filter(plan=plan).count() == 1  # live until activated
    html = minutes(client, session)
    assert "Goal “Customers 500”: added." in html and "Goal “Revenue 1M”: retired." in html


# --- Milestones ---------------------------------------------------------------------------------


@pytest.fixture
def kpi(plan):
    return next(k for k in kpis_of(plan) if k.measure_id)


def set_milestone(client, session, kpi, seen, period="2027-06", value="60"):
    return client.post(
        url("milestone_step", session),
        {"kpi": kpi.pk, "seen": seen, "period": period, "value": value, "item_index": 0},
    )


def test_a_milestone_is_set_at_once_and_recorded(login, session, plan, process_owner, kpi):
    client = login(process_owner)
    page = client.get(url("run", session) + f"?item={index_of(session, 'step-dashboard')}")
    assert f'id="milestones-{kpi.pk}"' in page.content.decode()
    assert set_milestone(client, session, kpi, milestones_seen([])).status_code == 302
    assert KpiTarget.objects.get(kpi=kpi).value == Decimal(60)
    assert session.decisions.get().type == Decision.Type.MILESTONE
    html = minutes(client, session)
    assert "KPI “Online orders”: milestone for" in html and "— → 60." in html
    page = client.get(url("run", session) + f"?item={index_of(session, 'update-ogsm')}")
    assert "Already in effect" in page.content.decode()


def test_an_empty_value_removes_the_milestone(login, session, process_owner, kpi):
    KpiTarget.objects.create(kpi=kpi, period=date(2027, 6, 1), value=Decimal(50))
    seen = milestones_seen(KpiTarget.objects.filter(kpi=kpi))
    set_milestone(login(process_owner), session, kpi, seen, value="")
    assert not KpiTarget.objects.filter(kpi=kpi).exists()
    assert "50 → —" in session.decisions.get().text


def test_a_milestone_changed_meanwhile_is_a_conflict(login, session, process_owner, kpi):
    seen = milestones_seen([])
    KpiTarget.objects.create(kpi=kpi, period=date(2027, 3, 1), value=Decimal(30))
    response = set_milestone(login(process_owner), session, kpi, seen)
    assert response.status_code == 422
    assert "Someone changed the milestones of “Online orders”" in response.content.decode()
    assert KpiTarget.objects.filter(kpi=kpi).count() == 1 and not session.decisions.exists()


@pytest.mark.parametrize("period, value", [("2027-13", "5"), ("9999-01", "5"), ("2027-06", "NaN")])
def test_bad_milestones_are_refused_in_place(login, session, process_owner, kpi, period, value):
    response = set_milestone(login(process_owner), session, kpi, "x", period=period, value=value)
    assert response.status_code == 422 and not KpiTarget.objects.exists()


# --- Update the OGSM ----------------------------------------------------------------------------


def test_update_the_ogsm_shows_and_activates_what_the_session_decided(
    login, session, plan, process_owner, risk, kpi
):
    client = login(process_owner)
    decide(client, session, risk, decision="respond", response="new-strategy", title="Local grain")
    draft = versions.draft_of(plan)
    client.post(
        url("draft_edit", session),
        {"op": "add", "kind": "goal", "draft_version": draft.version, "title": "Customers 500",
         "target_value": "500", "item_index": 0},
    )  # fmt: skip
    set_milestone(client, session, kpi, milestones_seen([]))
    page = client.get(url("run", session) + f"?item={index_of(session, 'update-ogsm')}")
    html = page.content.decode()
    changes = html[html.index("Version 2 (draft)") : html.index("Open the full comparison")]
    assert "Local grain" in changes and "Customers 500" in changes
    effect = html[html.index("Already in effect") :]
    assert "Online orders" in effect[: effect.index("</ul>")]
    draft.refresh_from_db()
    client.post(
        url("activate", session),
        {"reason": "Plan session", "draft_version": draft.version, "item_index": 0},
    )
    plan.refresh_from_db()
    assert plan.current_version == 2
    assert plan.strategies.filter(title="Local grain").exists()
    assert plan.goals.filter(title="Customers 500").exists()


def test_a_closed_session_takes_no_more_decisions(login, session, plan, process_owner, risk, kpi):
    from koers.meetings import decisions

    decisions.close_session(session)
    client = login(process_owner)
    refused = decide(client, session, risk, decision="ignore", reason="Later")
    assert refused.status_code == 422 and "This session is closed" in refused.content.decode()
    refused = set_milestone(client, session, kpi, milestones_seen([]))
    assert refused.status_code == 422
    risk.refresh_from_db()
    assert risk.decision == "open" and not KpiTarget.objects.exists()
