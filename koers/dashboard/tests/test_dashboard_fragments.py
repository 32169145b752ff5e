"""The dashboard keeps its grouped KPI views, each KPI's view and each block under what they show
(dashboard/kept.py): after every kind of change the page served equals a page rendered from
scratch."""

from datetime import date

import pytest
from django.urls import reverse

from koers.actions import rules as action_rules
from koers.core.templatetags import fragments
from koers.dashboard import kept, services
from koers.dashboard.tests.factories import kpis_of, measure
from koers.plans import retiring
from tests.pages import assert_fresh, html


def change(kind, plan, owner, member):
    goal_kpi, measure_kpi = kpis_of(plan)
    if kind == "kpi settings":
        goal_kpi.tolerance_pct, goal_kpi.unit = 50, "k€"
        goal_kpi.save()
    elif kind == "goal renamed":
        goal_kpi.goal.title = "Revenue 2M"
        goal_kpi.goal.save()
    elif kind == "measure retired":
        retiring.remove_or_retire(measure_kpi.measure, owner, "Not measured any more")
    elif kind == "strategy update":
        action_rules.post_strategy_update(plan.strategies.get(), member, did="x", colour="red")
    elif kind == "figure":
        measure(measure_kpi, date(2027, 5, 1), 7)
    elif kind == "milestone":  # the goal KPI's target for May
        services.set_milestone(goal_kpi, date(2027, 5, 1), 500000)
    elif kind == "measure renamed":
        measure_kpi.measure.name = "Orders online"
        measure_kpi.measure.save()
    elif kind == "strategy renamed":
        strategy = plan.strategies.get()
        strategy.title = "Sell online"
        strategy.save()
    elif kind in ("flagged action renamed", "flagged action updated"):
        action = plan.strategies.get().actions.get()
        if kind == "flagged action renamed":
            action.title = "Open a bigger webshop"
            action.save()
        else:
            action_rules.post_update(action, member, did="x", progress=80, colour="green")


KINDS = [
    "kpi settings",
    "goal renamed",
    "measure retired",
    "strategy update",
    "figure",
    "milestone",
    "measure renamed",
    "strategy renamed",
    "flagged action renamed",
    "flagged action updated",
]


@pytest.mark.parametrize("kind", KINDS)
def test_no_change_leaves_a_stale_block(kind, login, plan, owner, member, time_machine):
    time_machine.move_to(date(2027, 6, 15))
    goal_kpi, _measure_kpi = kpis_of(plan)
    measure(goal_kpi, date(2027, 5, 1), 400000)
    # An open action declared red though nothing says it is behind: flagged on the dashboard.
    action = plan.strategies.get().actions.create(title="Open a webshop", owner=member)
    action_rules.post_update(action, member, did="x", progress=50, colour="red")
    address = reverse("dashboard:dashboard", args=["acme", plan.pk])
    client = login(member)
    before = html(client, address)  # fills the page, its blocks and the KPI views
    assert "Open a webshop" in before  # flagged
    change(kind, plan, owner, member)
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    assert after != before, f"the dashboard does not show: {kind}"


def test_each_language_gets_its_own_rows(login, plan, member):
    address = reverse("dashboard:dashboard", args=["acme", plan.pk])
    client = login(member)
    english = html(client, address)
    dutch = html(client, address, HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch != english
    assert_fresh(client, address, dutch, "language", HTTP_ACCEPT_LANGUAGE="nl")


def test_rows_made_again_from_the_kept_views(login, plan, member, owner, monkeypatch):
    """The kept views come back without their KPI rows, which are made from the rows the KPI
    query read when a block or row is rendered again (here: every one of them)."""
    address = reverse("dashboard:dashboard", args=["acme", plan.pk])
    client = login(member)
    html(client, address)  # keeps the views
    monkeypatch.setattr(fragments, "cached_fragment", lambda name, parts, render: render())
    plan.name = "Acme 2028"  # a new revision, the same KPIs
    plan.save()

    def not_again(*args):
        raise AssertionError("the views were made again")

    monkeypatch.setattr(kept, "_per_kpi", not_again)
    served = html(client, address)
    assert "Acme 2028" in served
    monkeypatch.undo()
    assert_fresh(client, address, served, "rows made again")
