"""The "Child plans" item of the steering and plan session agendas: each plan serving this one,
how it goes, and its open requests to people of this plan; only when there are such plans."""

from types import SimpleNamespace as Obj

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.actions.models import Action, ActionUpdate, Status
from koers.meetings.agenda import AgendaData, build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_child_plan, make_session
from koers.plans import cascade
from koers.plans.models import Plan, Strategy
from tests.pages import fresh_queries, html


def _data(kind, child_plans):
    return AgendaData(
        kind=kind, strategies=[], actions=[], strategy_updates={}, child_plans=child_plans
    )


@pytest.mark.parametrize("kind", [Kind.STEERING, Kind.PLAN])
def test_the_item_is_on_steering_and_plan_agendas_only_with_child_plans(kind):
    entry = Obj(status=None, requests=[])
    with_children = [i.kind for i in flat_items(build_agenda(_data(kind, [entry])))]
    assert with_children.count("child_plans") == 1
    without = [i.kind for i in flat_items(build_agenda(_data(kind, [])))]
    assert "child_plans" not in without


def test_the_update_session_has_no_child_plans_item():
    kinds = [i.kind for i in flat_items(build_agenda(_data(Kind.UPDATE, [Obj()])))]
    assert "child_plans" not in kinds


@pytest.mark.parametrize("kind", [Kind.STEERING, Kind.PLAN])
def test_the_agenda_shows_each_child_plan_and_its_requests_to_us(
    kind, login, plan, process_owner, member
):
    make_child_plan(plan, "Sales", member)
    session = make_session(plan, kind=kind)
    page = html(
        login(process_owner), reverse("meetings:detail", args=["acme", plan.pk, session.pk])
    )
    assert "Child plans" in page and "Sales" in page
    assert "Orange" in page and "1 action red or overdue" in page
    assert "Budget for Sales" in page


def test_a_request_to_someone_outside_the_parent_plan_is_not_listed(plan, member, viewer):
    child = make_child_plan(plan, "Sales", member)
    ActionUpdate.objects.filter(action__strategy__plan=child).update(need_from=viewer)
    session = make_session(plan, kind=Kind.STEERING)
    entries = load_agenda_data(session).child_plans
    assert [e.status.plan.name for e in entries] == ["Sales"] and entries[0].requests == []


@pytest.mark.parametrize("closed", ["done", "retired strategy", "proposal"])
def test_a_request_on_an_action_no_longer_open_in_the_child_plan_is_not_listed(
    closed, plan, member
):
    child = make_child_plan(plan, "Sales", member)
    action = Action.objects.get(strategy__plan=child)
    if closed == "done":
        Action.objects.filter(pk=action.pk).update(status=Status.DONE)
    elif closed == "proposal":
        Action.objects.filter(pk=action.pk).update(proposed=True)
    else:
        Strategy.objects.filter(pk=action.strategy_id).update(retired_at=timezone.now())
    session = make_session(plan, kind=Kind.STEERING)
    assert load_agenda_data(session).child_plans[0].requests == []


def test_a_plan_without_child_plans_has_no_item(plan):
    session = make_session(plan, kind=Kind.STEERING)
    assert "child_plans" not in [
        i.kind for i in flat_items(build_agenda(load_agenda_data(session)))
    ]


@pytest.mark.parametrize("page", ["detail", "run"])
def test_the_item_costs_the_same_queries_with_2_or_20_child_plans(
    page, login, plan, process_owner, member
):
    session = make_session(plan, kind=Kind.STEERING)
    client = login(process_owner)

    def count(n):
        Plan.objects.exclude(pk=plan.pk).delete()
        for i in range(n):
            make_child_plan(plan, f"Department {i}", member)
        url = reverse(f"meetings:{page}", args=["acme", plan.pk, session.pk])
        if page == "run":
            items = flat_items(build_agenda(load_agenda_data(session)))
            index = [i.kind for i in items].index("child_plans")
            url += f"?item={index}"
        cost = fresh_queries(client, url)
        assert f"Budget for Department {n - 1}" in html(client, url)
        return cost

    assert count(2) == count(20)


@pytest.mark.parametrize("kind", [Kind.STEERING, Kind.PLAN])
def test_every_page_and_step_of_a_session_with_child_plans_renders(
    kind, login, plan, process_owner, member
):
    make_child_plan(plan, "Sales", member)
    session = make_session(plan, kind=kind)
    client = login(process_owner)
    args = ["acme", plan.pk, session.pk]
    for name in ("detail", "preread", "minutes"):
        assert client.get(reverse(f"meetings:{name}", args=args)).status_code == 200, name
    steps = len(flat_items(build_agenda(load_agenda_data(session))))
    run = reverse("meetings:run", args=args)
    for index in range(steps):
        assert client.get(f"{run}?item={index}").status_code == 200, index


@pytest.mark.parametrize("purpose", ["agenda", "outline", "run"])
def test_a_plan_without_strategies_whose_goal_a_plan_serves_has_the_item(purpose, plan, member):
    child = make_child_plan(plan, "Sales", member)
    cascade.link(child, plan.goals.first())
    plan.strategies.all().delete()  # the strategy link goes with it: only the goal is served
    session = make_session(plan, kind=Kind.STEERING)
    data = load_agenda_data(session, purpose)
    assert "child_plans" in [i.kind for i in flat_items(build_agenda(data))]
    if purpose == "agenda":
        assert [e.status.plan.name for e in data.child_plans] == ["Sales"]


def test_the_preread_reads_no_child_plans_as_it_does_not_show_them(plan, member):
    make_child_plan(plan, "Sales", member)
    session = make_session(plan, kind=Kind.STEERING)
    assert load_agenda_data(session, "preread").child_plans == []
    assert load_agenda_data(session, "agenda").child_plans
