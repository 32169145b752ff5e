"""The parent strategy's block on the dashboard shows how the plans serving it are doing, from
a fixed number of queries, and a change in a plan below shows on the parent's cached page."""

from datetime import date

import pytest
from django.urls import reverse

from koers.actions import rules as action_rules
from koers.actions.tests.factories import make_action
from koers.dashboard.models import Kpi
from koers.dashboard.tests.factories import department, kpis_of, measure
from koers.plans.models import Strategy
from tests.pages import assert_fresh, fresh_queries, html

LINE_TO_100 = {
    "baseline_value": 0,
    "baseline_date": date(2027, 1, 1),
    "target_value": 100,
    "target_date": date(2027, 12, 31),
}


@pytest.fixture
def org(plan, time_machine):
    time_machine.move_to(date(2027, 6, 15))
    kpis_of(plan)
    return plan


def _departments(workspace, plan, n):
    strategy = plan.strategies.get()
    return [department(workspace, f"Dept {i:02}", strategy) for i in range(n)]


def test_the_strategy_shows_its_plans_colours_evidence_actions_and_last_update(
    org, workspace, member, login
):
    (sales, sales_kpi), _ = _departments(workspace, org, 2)
    Kpi.objects.filter(pk=sales_kpi.pk).update(**LINE_TO_100)
    measure(sales_kpi, date(2027, 5, 1), 2)  # far below the line to 100: off track
    own = sales.strategies.get()
    action_rules.post_strategy_update(own, member, did="Started", colour="orange")
    for colour in ("red", "green", "green", "orange"):
        action = make_action(own, owner=member, title=f"A {colour}")
        action_rules.post_update(action, member, did="x", progress=10, colour=colour)
    page = html(login(member), reverse("dashboard:dashboard", args=["acme", org.pk]))
    block = page[page.index("Plans serving this strategy") :]
    row = block[block.index("Dept 00") : block.index("Dept 01")]
    assert "light-orange" in row  # the declared colour of its strategy
    assert "Off track" in row
    assert "50% of 4 open actions" in row
    assert "15 Jun 2027" in row
    other = block[block.index("Dept 01") :]
    assert "No update yet" in other and "No figures" in other and "No open actions" in other


def test_the_dashboard_costs_the_same_queries_for_2_or_20_plans_below(
    org, workspace, member, login
):
    client = login(member)
    address = reverse("dashboard:dashboard", args=["acme", org.pk])
    two = _departments(workspace, org, 2)
    for dept, _kpi in two:
        make_action(dept.strategies.get(), owner=member, colour="red")
    with_two = fresh_queries(client, address)
    for dept, _kpi in _departments(workspace, org, 18):
        make_action(dept.strategies.get(), owner=member, colour="red")
    assert html(client, address).count("Dept ") >= 20
    assert fresh_queries(client, address) == with_two


def test_after_a_change_below_the_dashboard_costs_the_same_queries_for_2_or_20_plans(
    org, workspace, member, login
):
    from tests.pages import queries

    client = login(member)
    address = reverse("dashboard:dashboard", args=["acme", org.pk])

    def count(depts):
        actions = [make_action(d.strategies.get(), owner=member, colour="red") for d, _k in depts]
        html(client, address)
        action_rules.post_update(actions[0], member, did="x", progress=5, colour="green")
        return queries(client, address)

    with_two = count(_departments(workspace, org, 2))
    assert count(_departments(workspace, org, 18)) == with_two


@pytest.mark.parametrize("kind", ["action colour", "figure", "strategy update", "renamed"])
def test_a_change_in_a_plan_below_shows_on_the_parents_cached_page(
    kind, org, workspace, member, login
):
    (dept, dept_kpi), _ = _departments(workspace, org, 2)
    strategy = dept.strategies.get()
    action = make_action(strategy, owner=member, title="Call customers")
    client = login(member)
    address = reverse("dashboard:dashboard", args=["acme", org.pk])
    before = html(client, address)  # fills the page and its blocks
    if kind == "action colour":
        action_rules.post_update(action, member, did="x", progress=5, colour="red")
    elif kind == "figure":
        Kpi.objects.filter(pk=dept_kpi.pk).update(**LINE_TO_100)
        measure(Kpi.objects.get(pk=dept_kpi.pk), date(2027, 5, 1), 1)
    elif kind == "strategy update":
        action_rules.post_strategy_update(strategy, member, did="x", colour="red")
    else:
        dept.name = "Dept renamed"
        dept.save()
    after = html(client, address)
    assert after != before, kind
    assert_fresh(client, address, after, kind)


def test_plans_serving_a_goal_or_a_strategy_without_measures_show_beneath_the_blocks(
    org, workspace, member, login
):
    bare = Strategy.objects.create(plan=org, title="Open a second shop", position=5)
    goal = org.goals.first()
    department(workspace, "Shops", bare)
    department(workspace, "Finance", goal)
    page = html(login(member), reverse("dashboard:dashboard", args=["acme", org.pk]))
    beneath = page[page.index("Goals and strategies other plans serve") :]
    assert f'id="served-goal-{goal.pk}"' in beneath and f'id="served-strategy-{bare.pk}"' in beneath
    goal_panel = beneath[beneath.index(goal.title) : beneath.index("Open a second shop")]
    assert "Plans serving this goal" in goal_panel and "Finance" in goal_panel
    assert "Shops" in beneath[beneath.index("Open a second shop") :]


def test_the_items_beneath_cost_the_same_queries_for_2_or_20_plans(org, workspace, member, login):
    client = login(member)
    address = reverse("dashboard:dashboard", args=["acme", org.pk])
    goal = org.goals.first()
    for i in range(2):
        department(workspace, f"Goal dept {i:02}", goal)
    with_two = fresh_queries(client, address)
    for i in range(2, 20):
        department(workspace, f"Goal dept {i:02}", goal)
    assert html(client, address).count("Goal dept ") >= 20
    assert fresh_queries(client, address) == with_two


def test_a_plan_below_with_figures_but_no_target_says_so_not_no_figures(
    org, workspace, member, login
):
    (_dept, dept_kpi), _ = _departments(workspace, org, 2)
    measure(dept_kpi, date(2027, 5, 1), 7)  # a figure, and no line to judge it by
    page = html(login(member), reverse("dashboard:dashboard", args=["acme", org.pk]))
    block = page[page.index("Plans serving this strategy") :]
    assert "No target yet" in block[block.index("Dept 00") : block.index("Dept 01")]
    assert "No figures" in block[block.index("Dept 01") :]


def test_each_plan_belows_kept_health_follows_every_write_that_changes_it(
    org, workspace, member, owner, login
):
    """The health of each plan below is kept per plan (koers.dashboard.per_plan): after each
    real write it could depend on, the served page equals a fresh render."""
    from decimal import Decimal

    from koers.dashboard import services
    from koers.dashboard.models import Measurement
    from koers.plans import cascade, retiring
    from koers.plans import rules as plan_rules

    (dept, kpi), (other, _other_kpi) = _departments(workspace, org, 2)
    for name, value in LINE_TO_100.items():
        setattr(kpi, name, value)
    services.save_kpi_settings(kpi, list(LINE_TO_100), kpi.version)
    may = date(2027, 5, 1)
    figure = Measurement.objects.create(kpi=kpi, period=may, value=Decimal(50))
    strategy = dept.strategies.get()
    action = make_action(strategy, owner=member, title="Call customers", colour="green")
    client = login(member)
    address = reverse("dashboard:dashboard", args=["acme", org.pk])

    def changed(why, change):
        before = html(client, address)  # every plan's health kept
        change()
        served = html(client, address)
        assert_fresh(client, address, served, why)
        assert served != before, why
        return served

    changed("milestone set", lambda: services.set_milestone(kpi, may, Decimal(90)))
    changed("milestone changed", lambda: services.set_milestone(kpi, may, Decimal(45)))

    def correct():
        figure.value = Decimal(1)
        services.correct_figure(figure, ["value"], figure.version)

    changed("figure corrected", correct)

    def lower_is_better():
        fresh_kpi = Kpi.objects.get(pk=kpi.pk)
        fresh_kpi.direction = "lower"
        services.save_kpi_settings(fresh_kpi, ["direction"], fresh_kpi.version)

    changed("KPI setting", lower_is_better)
    changed(
        "action update",
        lambda: action_rules.post_update(action, member, did="x", progress=5, colour="red"),
    )
    changed(
        "strategy colour",
        lambda: action_rules.post_strategy_update(strategy, member, did="x", colour="orange"),
    )
    changed("action done", lambda: action_rules.close_action(action, owner, "finished"))
    changed("strategy retired", lambda: retiring.retire(strategy, owner))
    dept.name = "Dept renamed"
    changed("renamed", lambda: plan_rules.save_plan_fields(dept, ["name"], dept.version))
    link = other.serves.get()
    changed("link removed", lambda: cascade.unlink(link))
    changed("link made", lambda: cascade.link(other, org.strategies.get()))
