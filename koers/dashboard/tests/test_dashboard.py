"""The dashboard page, the KPI page and entering figures."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.dashboard import services
from koers.dashboard.models import Kpi, KpiTarget, Measurement
from koers.dashboard.tests.factories import kpis_of, measure
from koers.plans.models import Goal, Measure
from tests.pages import fresh, fresh_queries, html

TODAY = date(2027, 6, 15)


def plan_views(plan):
    return services.kpi_views(services.in_plan_order(plan), TODAY)


def url(name, plan, *args):
    return reverse(f"dashboard:{name}", args=["acme", plan.pk, *args])


def test_every_goal_and_measure_becomes_a_kpi_once(plan):
    services.ensure_kpis(plan)
    services.ensure_kpis(plan)
    assert Kpi.objects.filter(plan=plan).count() == 2
    goal_kpi = Kpi.objects.get(goal__isnull=False)
    assert goal_kpi.target_value == 1000000 and goal_kpi.unit == "EUR"


def test_status_follows_the_latest_figure_against_its_target(plan):
    goal_kpi, _measure_kpi = kpis_of(plan)
    # On the line from 0 (January 2026) to 100 (end of 2027), end of May 2027 is about 71.
    measure(goal_kpi, date(2027, 5, 1), 90)
    view = next(v for v in plan_views(plan) if v.kpi == goal_kpi)
    assert view.status == "on_track" and round(view.target) == 71
    measure(goal_kpi, date(2027, 6, 1), 50)
    view = next(v for v in plan_views(plan) if v.kpi == goal_kpi)
    assert view.status == "off_track" and view.trend == -1


def test_the_dashboard_shows_kpis_and_strategies_behind_first(login, plan, member):
    kpis_of(plan)
    html = login(member).get(url("dashboard", plan)).content.decode()
    assert "Revenue 1M" in html and "Online orders" in html and "Go online" in html
    assert "<svg" in html and 'role="img"' in html


def test_a_strategys_latest_update_is_its_declared_colour(login, plan, member):
    from koers.actions import rules as action_rules

    kpis_of(plan)
    strategy = plan.strategies.get()
    action_rules.post_strategy_update(strategy, member, did="Fine", colour="green")
    action_rules.post_strategy_update(strategy, member, did="Stuck", colour="red")
    html = login(member).get(url("dashboard", plan)).content.decode()
    declared = html[html.index("Declared") : html.index("Evidence")]
    assert "light-red" in declared and "light-green" not in declared
    # Without figures or coloured actions there is no evidence: no colour to disagree with.
    evidence = html[html.index("Evidence") :]
    assert "No figures yet" in evidence and "Talk about this" not in html


@time_machine.travel(datetime(2027, 6, 15, 12, tzinfo=UTC), tick=False)
def test_figures_give_the_evidence_its_colour(login, plan, member):
    from koers.actions import rules as action_rules

    _goal_kpi, measure_kpi = kpis_of(plan)
    measure(measure_kpi, date(2027, 5, 1), 2)  # far below the line towards 100: off track
    action_rules.post_strategy_update(plan.strategies.get(), member, did="Fine", colour="green")
    html = login(member).get(url("dashboard", plan)).content.decode()
    evidence = html[html.index("Evidence") :]
    assert "light-red" in evidence[:400] and "Talk about this" in html


def test_the_grid_saves_a_whole_period_at_once(login, plan, member):
    goal_kpi, measure_kpi = kpis_of(plan)
    response = login(member).post(
        url("grid", plan),
        {"period": "2027-05", f"kpi-{goal_kpi.pk}": "1.234,5", f"kpi-{measure_kpi.pk}": "17"},
    )
    assert response.status_code == 302
    values = dict(Measurement.objects.values_list("kpi_id", "value"))
    assert values == {goal_kpi.pk: 1234.5, measure_kpi.pk: 17}


def test_one_bad_figure_in_the_grid_saves_nothing(login, plan, member):
    goal_kpi, measure_kpi = kpis_of(plan)
    response = login(member).post(
        url("grid", plan),
        {"period": "2027-05", f"kpi-{goal_kpi.pk}": "12", f"kpi-{measure_kpi.pk}": "lots"},
    )
    assert response.status_code == 422
    assert "“lots” is not a number." in response.content.decode()
    assert not Measurement.objects.exists()


def test_viewers_cannot_enter_figures(login, plan, viewer):
    kpis_of(plan)
    assert login(viewer).get(url("grid", plan)).status_code == 403


def test_the_owner_sets_a_range_kpi_and_bad_settings_are_refused(login, plan, owner):
    kpi = kpis_of(plan)[1]
    response = login(owner).post(
        url("kpi", plan, kpi.pk),
        {
            "direction": "range",
            "range_min": "50",
            "range_max": "40",
            "frequency": "monthly",
            "tolerance_pct": "10",
            "version": kpi.version,
        },
    )
    assert response.status_code == 422
    assert "The highest value must be above the lowest." in response.content.decode()
    kpi.refresh_from_db()
    assert kpi.direction == "higher"


def test_correcting_a_figure_detects_a_concurrent_change(login, plan, member):
    kpi = kpis_of(plan)[0]
    figure = measure(kpi, date(2027, 5, 1), 10)
    Measurement.objects.filter(pk=figure.pk).update(value=11, version=2)
    response = login(member).post(
        url("measurement", plan, kpi.pk, figure.pk), {"value": "12", "note": "typo", "version": 1}
    )
    assert (
        response.status_code == 422 and "Someone else saved a change" in response.content.decode()
    )
    figure.refresh_from_db()
    assert figure.value == 11


def test_the_kpi_page_has_a_chart_with_the_figures_as_a_table(login, plan, member):
    kpi = kpis_of(plan)[0]
    measure(kpi, date(2026, 12, 1), 40, note="New shop opened")
    html = login(member).get(url("kpi", plan, kpi.pk)).content.decode()
    assert "<svg" in html and "Show the figures as a table" in html
    assert "New shop opened" in html


def _grow(plan, n):
    """n more goals and measures with figures, plus milestones, strategy updates, open actions
    and older figures for the first KPI: everything the dashboard pages read."""
    from koers.actions.models import Action, StrategyUpdate
    from koers.actions.tests.factories import days_ago

    strategy = plan.strategies.get()
    Measure.objects.bulk_create(
        Measure(strategy=strategy, name=f"M{i}", position=i + 1) for i in range(n)
    )
    Goal.objects.bulk_create(Goal(plan=plan, title=f"G{i}", position=i + 1) for i in range(n))
    services.ensure_kpis(plan)
    Measurement.objects.bulk_create(
        Measurement(kpi=k, period=date(2026 + m // 12, m % 12 + 1, 1), value=m)
        for k in Kpi.objects.filter(plan=plan, measurements__isnull=True)
        for m in range(18)
    )
    first = Kpi.objects.filter(plan=plan).order_by("pk").first()
    older = first.measurements.order_by("period").first().period.year - 1
    Measurement.objects.bulk_create(
        Measurement(kpi=first, period=date(older, m + 1, 1), value=m, note=f"n{m}")
        for m in range(12)
    )
    KpiTarget.objects.bulk_create(
        KpiTarget(kpi=first, period=date(older, m + 1, 1), value=m) for m in range(12)
    )
    StrategyUpdate.objects.bulk_create(
        StrategyUpdate(strategy=strategy, colour="orange", did="x", created_at=days_ago(i))
        for i in range(n)
    )
    Action.objects.bulk_create(
        Action(strategy=strategy, title=f"A{i}", colour="red", progress=i) for i in range(n)
    )


def _page(page, plan):
    if page == "kpi":
        return url("kpi", plan, Kpi.objects.filter(plan=plan).order_by("pk").first().pk)
    return url(page, plan)


@pytest.mark.parametrize("page", ["dashboard", "kpi", "grid"])
def test_dashboard_pages_do_not_grow_with_kpis_and_figures(page, login, plan, owner):
    client = login(owner)  # the owner sees the most: the KPI settings form lists the team
    _grow(plan, 2)
    small = fresh_queries(client, _page(page, plan))
    _grow(plan, 30)
    # The login session with its user, the plan door, then a fixed few for the page itself.
    assert fresh_queries(client, _page(page, plan)) == small <= 8


def test_a_cached_dashboard_costs_only_the_login_session_and_door(login, plan, member):
    client = login(member)
    _grow(plan, 5)
    client.get(url("dashboard", plan))
    with CaptureQueriesContext(connection) as ctx:
        client.get(url("dashboard", plan))
    # The login session with its user, then the door (plan, workspace, role).
    assert len(ctx.captured_queries) == 2


def test_a_goal_added_later_shows_on_the_dashboard(login, plan, member):
    client = login(member)
    kpis_of(plan)
    client.get(url("dashboard", plan))
    Goal.objects.create(plan=plan, title="Happy customers", position=9)
    # No cache clearing: the new goal's revision alone must bring it (and its KPI) onto the page.
    assert "Happy customers" in client.get(url("dashboard", plan)).content.decode()
    assert Kpi.objects.filter(goal__title="Happy customers").exists()
    Measure.objects.create(strategy=plan.strategies.first(), name="Repeat orders", position=9)
    assert "Repeat orders" in client.get(url("dashboard", plan)).content.decode()


def test_a_milestone_overrides_the_straight_line_for_its_period(login, plan, owner):
    kpi = kpis_of(plan)[0]
    client = login(owner)
    client.post(url("milestone", plan, kpi.pk), {"period": "2027-05", "value": "95"})
    measure(kpi, date(2027, 5, 1), 90)
    view = next(v for v in plan_views(plan) if v.kpi == kpi)
    assert view.target == 95 and view.status == "at_risk"
    bad = client.post(url("milestone", plan, kpi.pk), {"period": "soon", "value": "x"}, follow=True)
    assert "Choose a month." in bad.content.decode()
    assert kpi.targets.count() == 1


@time_machine.travel(datetime(2027, 6, 15, 12, tzinfo=UTC), tick=False)
def test_the_cached_dashboard_follows_every_change(login, plan, member, owner):
    from koers.actions import rules as action_rules
    from koers.actions.tests.factories import make_action

    goal_kpi, measure_kpi = kpis_of(plan)
    action = make_action(plan.strategies.get(), member, "Bake")
    client = login(member)

    def page():
        return html(client, url("dashboard", plan))

    changes = [
        lambda: services.save_period(plan, date(2027, 5, 1), {goal_kpi.pk: 50}, member),
        lambda: measure(measure_kpi, date(2027, 4, 1), 7),  # e.g. through the admin
        lambda: services.set_milestone(goal_kpi, date(2027, 5, 1), 80),
        lambda: action_rules.post_update(action, member, did="x", progress=5, colour="green"),
    ]
    for change in changes:
        before = page()
        change()
        cached = page()
        assert cached != before  # the change shows at once
        assert cached == fresh(client, url("dashboard", plan))


@time_machine.travel(datetime(2027, 6, 15, 12, tzinfo=UTC), tick=False)
def test_the_cached_workspace_overview_follows_every_figure_and_target(login, plan, member):
    goal_kpi, measure_kpi = kpis_of(plan)
    client = login(member)

    def rename():
        plan.refresh_from_db()
        plan.name = "Acme 2028"
        plan.save()

    def page():
        return html(client, reverse("dashboard:overview", args=["acme"]))

    for change in [
        lambda: services.save_period(plan, date(2027, 5, 1), {goal_kpi.pk: 60}, member),
        lambda: measure(measure_kpi, date(2027, 5, 1), 7),  # e.g. through the admin
        lambda: services.set_milestone(goal_kpi, date(2027, 5, 1), 60),  # now on track
        rename,  # its card
    ]:
        before = page()
        change()
        cached = page()
        assert cached != before  # each change shows on the overview at once
        assert cached == fresh(client, reverse("dashboard:overview", args=["acme"]))


def test_the_workspace_overview_does_not_grow_with_plans(login, plan, member, workspace):
    from koers.plans.models import Plan

    kpis_of(plan)
    client = login(member)
    client.get(reverse("dashboard:overview", args=["acme"]))
    cache.clear()  # count the queries of a fresh render, not of the cached copy
    with CaptureQueriesContext(connection) as one:
        html = client.get(reverse("dashboard:overview", args=["acme"])).content.decode()
    assert "Acme 2027" in html
    for i in range(5):
        extra = Plan.objects.create(
            workspace=workspace,
            name=f"Unit {i}",
            period="2027",
            start_date=plan.start_date,
            end_date=plan.end_date,
        )
        Goal.objects.create(plan=extra, title="Grow")
        services.ensure_kpis(extra)
    cache.clear()
    with CaptureQueriesContext(connection) as six:
        client.get(reverse("dashboard:overview", args=["acme"]))
    assert len(six.captured_queries) == len(one.captured_queries)
