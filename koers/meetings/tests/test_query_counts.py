"""Session pages cost a fixed, small number of queries, however large the plan."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.actions.models import Action, ActionUpdate, StrategyUpdate
from koers.actions.tests.factories import days_ago
from koers.analysis import scenarios, swot
from koers.analysis.models import Signal
from koers.analysis.tests.factories import scenario_set
from koers.dashboard.tests.factories import kpis_of, measure
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import AgendaNote, Decision, EvaluationItem, Kind
from koers.meetings.tests.factories import make_session
from koers.plans import versions
from tests.pages import fresh_queries, queries

# Whole pages: the login session with its user, then the door, which brings the session along
# with its plan's rhythm and look-back. Steering sessions also read the analysis tools (signals;
# the scenario sets with their two latest likelihoods; whether the business model and the trends
# shifted, one query of EXISTS, which the pre-read shows in full: versions, rescored trends);
# the plan session the SWOT (its signals and scenarios are in the year in view, a page of its
# own) and each KPI's status (one query: latest figure and milestone come along).
# Latest updates come joined to their actions and strategies. Session mode reads of the
# analysis and evaluation only whether there is any (one query of EXISTS; the plan session
# always lists them) and the entries of the item on screen, and adds the notes and decisions
# (the team only on items with decision forms, which item 0 is not); the minutes read the
# agenda only to title the notes.
QUERIES = {
    "detail": {Kind.UPDATE: 4, Kind.STEERING: 8, Kind.PLAN: 6},
    "run": {Kind.UPDATE: 7, Kind.STEERING: 7, Kind.PLAN: 8},
    "preread": {Kind.UPDATE: 4, Kind.STEERING: 8, Kind.PLAN: 5},
    "minutes": {Kind.UPDATE: 7, Kind.STEERING: 8, Kind.PLAN: 7},
}


def grow(plan, owner, session, n):
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
    AgendaNote.objects.bulk_create(
        AgendaNote(session=session, item_key=f"action-{a.pk}", remedy="x", recorded_by=owner)
        for a in actions
    )
    # What an earlier session agreed about each action, shown beside it on the agenda and the
    # pre-read; and members' proposals, offered for acceptance on the steering and plan agendas.
    before = make_session(plan, kind=Kind.UPDATE, days_ahead=-40 - n)
    AgendaNote.objects.bulk_create(
        AgendaNote(session=before, item_key=f"close-{a.pk}", reasons="y", recorded_by=owner)
        for a in actions
    )
    Action.objects.bulk_create(
        Action(strategy=strategy, title=f"P{i}", position=n + i, proposed=True, proposed_by=owner)
        for i in range(n // 5)
    )
    Decision.objects.bulk_create(
        Decision(session=session, type=Decision.Type.NOTE, summary="x", decided_by=owner, action=a)
        for a in actions
    )


def furnish(plan, member):
    """One of everything a session page may show, so that each of its queries has rows to read."""
    workspace, today = plan.workspace, timezone.localdate()
    StrategyUpdate.objects.create(
        strategy=plan.strategies.get(), author=member, did="x", colour="red", created_at=days_ago(1)
    )
    measure(kpis_of(plan)[0], today.replace(day=1), 10)
    futures = scenario_set(workspace, member)
    ids = [s.pk for s in futures.scenarios.all()]
    scenarios.record_likelihoods(
        futures, today - timedelta(days=90), dict.fromkeys(ids, 25), member
    )
    scenarios.record_likelihoods(
        futures, today, dict(zip(ids, [40, 30, 20, 10], strict=True)), member
    )
    Signal.objects.create(workspace=workspace, observed_on=today, kind="news", title="Mill closes")
    swot.add_item(workspace, member, kind="risk", description="Grain prices")
    # The draft of the next version, which session mode's OGSM items show and edit.
    versions.start_draft(plan, member)
    earlier = make_session(plan, kind=Kind.STEERING, days_ahead=-30)
    EvaluationItem.objects.create(session=earlier, topic="team", verdict="keep", text="Stand-up")


@pytest.mark.parametrize("page", ["detail", "run", "preread", "minutes"])
@pytest.mark.parametrize("kind", [Kind.UPDATE, Kind.STEERING, Kind.PLAN])
def test_session_pages_do_not_grow_with_the_plan(page, kind, login, plan, process_owner, member):
    session = make_session(plan, kind=kind)
    furnish(plan, member)
    client = login(process_owner)
    url = reverse(f"meetings:{page}", args=["acme", plan.pk, session.pk])
    grow(plan, member, session, 5)
    small = fresh_queries(client, url)
    grow(plan, member, session, 100)
    assert fresh_queries(client, url) == small
    assert small <= QUERIES[page][kind]


@pytest.mark.parametrize("page", ["list", "detail", "run", "preread", "minutes"])
@pytest.mark.parametrize("kind", [Kind.UPDATE, Kind.STEERING, Kind.PLAN])
def test_a_cached_session_page_costs_only_the_door(page, kind, login, plan, process_owner, member):
    session = make_session(plan, kind=kind)
    furnish(plan, member)
    grow(plan, member, session, 20)
    args = [] if page == "list" else [session.pk]
    url = reverse(f"meetings:{page}", args=["acme", plan.pk, *args])
    client = login(process_owner)
    client.get(url)  # fills the cache
    # The login session with its user, and the door (plan, workspace, role); the list also
    # counts the sessions begun, which moves the coming/past split. A cached copy proves the
    # session.
    assert queries(client, url) == (3 if page == "list" else 2)


@pytest.mark.parametrize("kind", [Kind.UPDATE, Kind.STEERING, Kind.PLAN])
def test_every_step_of_session_mode_stays_within_eight_queries(
    kind, login, plan, process_owner, member
):
    session = make_session(plan, kind=kind)
    furnish(plan, member)
    grow(plan, member, session, 5)
    client = login(process_owner)
    address = reverse("meetings:run", args=["acme", plan.pk, session.pk])
    # Each step reads the agenda's outline and only its own item's entries (or the team, for
    # the items with decision forms), so no step costs more than the others by much.
    steps = len(flat_items(build_agenda(load_agenda_data(session))))
    costs = [fresh_queries(client, f"{address}?item={index}") for index in range(steps)]
    assert steps > 3 and max(costs) <= 8, list(enumerate(costs))


def grow_dashboard_and_swot(plan, member, n):
    """More measures with KPIs, figures and milestones, and more SWOT items to decide."""
    from koers.dashboard.models import KpiTarget, Measurement
    from koers.plans.models import Measure

    strategy = plan.strategies.get()
    Measure.objects.bulk_create(
        Measure(strategy=strategy, name=f"M{i}", position=10 + i) for i in range(n)
    )
    month = timezone.localdate().replace(day=1)
    for kpi in kpis_of(plan):
        Measurement.objects.get_or_create(kpi=kpi, period=month, defaults={"value": 5})
        KpiTarget.objects.get_or_create(kpi=kpi, period=month, defaults={"value": 7})
    for i in range(n):
        swot.add_item(plan.workspace, member, kind="risk", description=f"Risk {i}")


def test_the_plan_session_s_steps_do_not_grow_with_kpis_milestones_and_swot_items(
    login, plan, process_owner, member
):
    session = make_session(plan, kind=Kind.PLAN)
    furnish(plan, member)
    client = login(process_owner)
    address = reverse("meetings:run", args=["acme", plan.pk, session.pk])
    grow_dashboard_and_swot(plan, member, 2)
    steps = len(flat_items(build_agenda(load_agenda_data(session))))
    small = [fresh_queries(client, f"{address}?item={index}") for index in range(steps)]
    grow_dashboard_and_swot(plan, member, 30)
    large = [fresh_queries(client, f"{address}?item={index}") for index in range(steps)]
    assert small == large and max(large) <= 8, list(enumerate(large))
