"""The dashboard keeps its grouped KPI views, each KPI's view and each block under what they show
(dashboard/kept.py): after every kind of change the page served equals a page rendered from
scratch."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.actions import rules as action_rules
from koers.core.templatetags import fragments
from koers.dashboard import kept, services
from koers.dashboard.tests.factories import kpis_of, measure
from koers.plans import retiring
from koers.plans import rules as plan_rules
from koers.plans.models import Goal
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
    elif kind == "goal added":  # with its KPI (dashboard/signals.py)
        plan_rules.add_item(Goal(plan=plan, title="Happy customers"), plan.goals.all())
    elif kind == "strategy retired":
        retiring.retire(plan.strategies.get(), owner, "Done differently")
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
    "goal added",
    "strategy retired",
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


def test_goals_moved_show_in_their_new_order(login, plan, member):
    """Positions are written in bulk (`move_item`, then `touch_plan`): the kept views follow."""
    kpis_of(plan)
    second = Goal.objects.create(plan=plan, title="Happy customers", position=1)
    address = reverse("dashboard:dashboard", args=["acme", plan.pk])
    client = login(member)
    before = html(client, address)
    assert before.index("Revenue 1M") < before.index("Happy customers")
    plan_rules.move_item(second, plan.goals.all(), -1)
    after = html(client, address)
    assert after.index("Happy customers") < after.index("Revenue 1M")
    assert_fresh(client, address, after, "goals moved")


def test_each_language_gets_its_own_rows(login, plan, member):
    address = reverse("dashboard:dashboard", args=["acme", plan.pk])
    client = login(member)
    english = html(client, address)
    dutch = html(client, address, HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch != english
    assert_fresh(client, address, dutch, "language", HTTP_ACCEPT_LANGUAGE="nl")


def test_rows_read_again_for_the_kept_views(login, plan, member, monkeypatch, time_machine):
    """After a change the KPIs do not show (an action update), the kept views come back
    without their KPI rows, which are read again when a block or row is rendered (here: every
    one of them)."""
    time_machine.move_to(date(2027, 6, 15))
    kpis_of(plan)
    action = plan.strategies.get().actions.create(title="Open a webshop", owner=member)
    address = reverse("dashboard:dashboard", args=["acme", plan.pk])
    client = login(member)
    html(client, address)  # keeps the views
    monkeypatch.setattr(fragments, "cached_fragment", lambda name, parts, render: render())
    action_rules.post_update(action, member, did="x", progress=50, colour="red")  # flagged

    def not_again(*args):
        raise AssertionError("the views were made again")

    monkeypatch.setattr(kept, "_per_kpi", not_again)
    served = html(client, address)
    assert "Open a webshop" in served and "Online orders" in served
    monkeypatch.undo()
    assert_fresh(client, address, served, "rows read again")


def test_after_an_action_update_no_kpi_is_read(login, plan, member, time_machine):
    """The grouped views are kept under the plan's revision for the KPIs' rows (read in the
    door): an action update changes the page without a query of the KPIs or their figures."""
    time_machine.move_to(date(2027, 6, 15))
    goal_kpi, _measure_kpi = kpis_of(plan)
    measure(goal_kpi, date(2027, 5, 1), 400000)
    action = plan.strategies.get().actions.create(title="Open a webshop", owner=member)
    address = reverse("dashboard:dashboard", args=["acme", plan.pk])
    client = login(member)
    before = html(client, address)
    action_rules.post_update(action, member, did="x", progress=50, colour="red")
    with CaptureQueriesContext(connection) as ctx:
        after = html(client, address)
    assert after != before
    read = " ".join(query["sql"] for query in ctx.captured_queries)
    assert "dashboard_kpi" not in read and "dashboard_measurement" not in read
    assert_fresh(client, address, after, "action update")
