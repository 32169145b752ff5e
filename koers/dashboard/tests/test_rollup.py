"""Roll-up: a KPI of the organisation's plan filled from KPIs of the departments' plans below.

The rules (koers.dashboard.rollup) are tried with generated figures; the feeds end to end: a
figure entered in a department shows in the organisation's dashboard and KPI page, a fed KPI
takes no figures by hand from any path, sources in another unit are refused with a message.
"""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from koers.api.tokens import create_token
from koers.dashboard import rollup, transfer
from koers.dashboard.models import Kpi, KpiSource, Measurement
from koers.dashboard.tests.factories import department, kpis_of
from koers.history.models import Change
from koers.plans import cascade
from koers.plans.models import Measure, Plan, Strategy
from tests.pages import assert_fresh, html

# -- the rules ---------------------------------------------------------------------------------

VALUES = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)
PERIODS = st.sampled_from([date(2027, m, 1) for m in range(1, 7)])
WHEN = st.datetimes(
    min_value=datetime(2027, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
    max_value=datetime(2027, 12, 31),  # noqa: DTZ001
).map(lambda d: d.replace(tzinfo=UTC))
SERIES = st.lists(st.dictionaries(PERIODS, st.tuples(VALUES, WHEN), max_size=6), max_size=5)
HOW = st.sampled_from([rollup.SUM, rollup.AVERAGE, rollup.MEDIAN, rollup.LAST])


def _present(series, period):
    return [figures[period] for figures in series if period in figures]


@given(SERIES)
def test_the_sum_is_the_sum_of_the_figures_present_and_says_how_many(series):
    points = rollup.roll_up(rollup.SUM, dict(enumerate(series)))
    for period, point in points.items():
        present = _present(series, period)
        assert point.value == sum(v for v, _at in present)
        assert (point.present, point.total) == (len(present), len(series))
        assert point.complete == (len(present) == len(series))


@given(SERIES)
def test_a_period_without_any_figure_has_no_rolled_up_figure(series):
    points = rollup.roll_up(rollup.SUM, dict(enumerate(series)))
    assert set(points) == {period for figures in series for period in figures}


@given(SERIES)
def test_the_average_and_the_median_lie_between_the_smallest_and_largest_figure(series):
    for how in (rollup.AVERAGE, rollup.MEDIAN):
        for period, point in rollup.roll_up(how, dict(enumerate(series))).items():
            values = [v for v, _at in _present(series, period)]
            assert min(values) <= point.value <= max(values)


@given(SERIES)
def test_the_last_value_is_the_figure_entered_last(series):
    for period, point in rollup.roll_up(rollup.LAST, dict(enumerate(series))).items():
        present = _present(series, period)
        latest = max(at for _v, at in present)
        assert point.value in {v for v, at in present if at == latest}


@given(HOW, SERIES, st.randoms(use_true_random=False))
def test_the_order_of_the_sources_never_changes_the_figure(how, series, rnd):
    shuffled = list(series)
    rnd.shuffle(shuffled)
    assert rollup.roll_up(how, dict(enumerate(series))) == rollup.roll_up(
        how, dict(enumerate(shuffled))
    )


@given(st.lists(VALUES, min_size=1, max_size=9), st.randoms(use_true_random=False))
def test_the_median_does_not_depend_on_the_order_of_the_figures(values, rnd):
    figures = [(v, None) for v in values]
    shuffled = list(figures)
    rnd.shuffle(shuffled)
    assert rollup.combine(rollup.MEDIAN, figures) == rollup.combine(rollup.MEDIAN, shuffled)


UNITS = st.sampled_from(["EUR", "€", "euro", "orders", "order", "%", "members", ""])


@given(UNITS, UNITS)
def test_a_source_in_another_unit_is_refused(ours, theirs):
    parent = Kpi(pk=1, plan_id=1, measure=Measure(name="Orders"), unit=ours)
    source = Kpi(pk=2, plan_id=2, measure=Measure(name="Shop orders"), unit=theirs)
    reason = rollup.refusal(parent, source, below={2})
    same = {"EUR", "€", "euro"} >= {ours, theirs} or {"orders", "order"} >= {ours, theirs}
    assert (reason == "") == (ours == theirs or same)
    if reason:
        assert "Shop orders" in reason


def test_a_source_counting_the_other_way_or_not_below_is_refused():
    parent = Kpi(pk=1, plan_id=1, measure=Measure(name="Complaints"), unit="complaints")
    lower = Kpi(pk=2, plan_id=2, measure=Measure(name="Praise"), unit="complaints")
    lower.direction = "lower"
    assert "other way" in rollup.refusal(parent, lower, below={2})
    assert "not a KPI of a plan below" in rollup.refusal(parent, lower, below={3})
    quarterly = Kpi(pk=2, plan_id=2, measure=Measure(name="Q"), unit="complaints")
    quarterly.frequency = "quarterly"
    assert "measured quarterly" in rollup.refusal(parent, quarterly, below={2})


# -- end to end --------------------------------------------------------------------------------


@pytest.fixture
def cascaded(plan, workspace):
    """The organisation's "Online orders" KPI and two departments serving "Go online"."""
    kpis_of(plan)
    strategy = plan.strategies.get()
    sales, sales_kpi = department(workspace, "Sales", strategy)
    service, service_kpi = department(workspace, "Service", strategy)
    parent = Kpi.objects.get(plan=plan, measure__isnull=False)
    return {"parent": parent, "sales": sales, "service": service, "kpis": [sales_kpi, service_kpi]}


def roll_up_url(kpi):
    return reverse("dashboard:kpi_roll_up", args=["acme", kpi.plan_id, kpi.pk])


def _read_message(client, response):
    """Follow a redirect, so its one-off message does not show on the next page read."""
    if response.status_code == 302:
        client.get(response["Location"])
    return response


def choose(client, kpi, how, sources, **extra):
    kpi.refresh_from_db()
    data = {"roll_up": how, "sources": [str(s.pk) for s in sources], "version": kpi.version}
    return _read_message(client, client.post(roll_up_url(kpi), {**data, **extra}))


def enter(client, plan, kpi, value, period="2027-05"):
    url = reverse("dashboard:grid", args=["acme", plan.pk])
    return _read_message(client, client.post(url, {"period": period, f"kpi-{kpi.pk}": value}))


def test_a_figure_entered_in_a_department_shows_on_the_organisations_pages(
    cascaded, plan, owner, login, time_machine
):
    time_machine.move_to(date(2027, 6, 15))
    client = login(owner)
    parent, (sales_kpi, service_kpi) = cascaded["parent"], cascaded["kpis"]
    page = client.get(roll_up_url(parent)).content.decode()
    assert "Sales · Sales orders (orders)" in page and "Service · Service orders" in page
    assert choose(client, parent, "sum", [sales_kpi, service_kpi]).status_code == 302
    dashboard = reverse("dashboard:dashboard", args=["acme", plan.pk])
    kpi_page = reverse("dashboard:kpi", args=["acme", plan.pk, parent.pk])
    before = html(client, dashboard)
    assert enter(client, cascaded["sales"], sales_kpi, "30").status_code == 302
    served = html(client, dashboard)
    assert served != before and "<strong>30</strong> orders" in served
    assert_fresh(client, dashboard, served, "a department's figure")
    assert "incomplete: 1 of 2" in html(client, kpi_page)
    assert enter(client, cascaded["service"], service_kpi, "12").status_code == 302
    assert "<strong>42</strong> orders" in html(client, dashboard)
    figure = Measurement.objects.get(kpi=parent)
    assert (figure.value, figure.sources_present, figure.sources_total) == (42, 2, 2)
    assert "incomplete" not in html(client, kpi_page)
    enter(client, cascaded["sales"], sales_kpi, "")  # removed: only Service's figure is left
    assert Measurement.objects.get(kpi=parent).value == 12


def test_a_fed_kpi_takes_no_figure_by_hand_from_any_path(cascaded, plan, owner, login):
    client = login(owner)
    parent, sources = cascaded["parent"], cascaded["kpis"]
    choose(client, parent, "average", sources)
    grid = reverse("dashboard:grid", args=["acme", plan.pk])
    page = client.get(f"{grid}?period=2027-05").content.decode()
    assert "filled from: Sales, Service" in page and f'name="kpi-{parent.pk}"' not in page
    enter(client, plan, parent, "99")
    assert not Measurement.objects.filter(kpi=parent).exists()
    # The import and the API (and the feeds, which share check_rows) refuse the row.
    table = [transfer.HEADER, [str(parent.pk), "", "2027-05", "5", ""]]
    error = transfer.check_rows(plan, table).errors[0].error
    assert "filled from: Sales, Service" in error
    secret = create_token(owner, plan.workspace, "t", "write", 30)[1]
    response = client.post(
        f"/api/w/acme/plans/{plan.pk}/measurements",
        {"measurements": [{"kpi_id": parent.pk, "period": "2027-05", "value": "5"}]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 422 and "cannot be entered by hand" in response.content.decode()
    # A rolled-up figure cannot be corrected either.
    enter(client, cascaded["sales"], sources[0], "8")
    figure = Measurement.objects.get(kpi=parent)
    url = reverse("dashboard:measurement", args=["acme", plan.pk, parent.pk, figure.pk])
    assert "cannot be entered by hand" in client.get(url).content.decode()
    posted = client.post(url, {"value": "1", "note": "", "version": figure.version})
    assert posted.status_code == 422 and "cannot be entered by hand" in posted.content.decode()
    assert Measurement.objects.get(kpi=parent).value == 8


def test_sources_in_another_unit_are_refused_with_a_message_and_nothing_is_saved(
    cascaded, plan, workspace, owner, login
):
    _, euros = department(workspace, "Finance", plan.strategies.get(), unit="EUR")
    parent = cascaded["parent"]
    response = choose(login(owner), parent, "sum", [cascaded["kpis"][0], euros])
    assert response.status_code == 422
    page = response.content.decode()
    assert "measured in “EUR” and this KPI in “orders”" in page
    # The page still says what is true: the KPI is filled by hand, not from the plans below.
    assert "Figures entered by hand for this KPI stay" in page
    assert "While this KPI is filled from other plans" not in page
    parent.refresh_from_db()
    assert parent.roll_up == "" and not KpiSource.objects.exists()


def test_a_kpi_of_a_plan_not_below_cannot_be_chosen(cascaded, plan, workspace, owner, login):
    other = Plan.objects.create(
        workspace=workspace,
        name="Elsewhere",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    strategy = Strategy.objects.create(plan=other, title="x")
    Measure.objects.create(strategy=strategy, name="Elsewhere orders", unit="orders")
    response = choose(login(owner), cascaded["parent"], "sum", [Kpi.objects.get(plan=other)])
    assert response.status_code == 422 and not KpiSource.objects.exists()


def test_a_choice_made_on_an_old_page_is_a_conflict(cascaded, owner, login):
    client, parent = login(owner), cascaded["parent"]
    version = Kpi.objects.get(pk=parent.pk).version
    choose(client, parent, "sum", cascaded["kpis"][:1])
    stale = {"version": version}
    response = choose(client, parent, "median", cascaded["kpis"], **stale)
    assert response.status_code == 422 and "Someone else saved" in response.content.decode()
    assert Kpi.objects.get(pk=parent.pk).roll_up == "sum"


def test_figures_climb_through_every_level_and_leave_with_an_unlink(
    cascaded, plan, workspace, owner, login, django_capture_on_commit_callbacks
):
    client = login(owner)
    parent, (sales_kpi, service_kpi) = cascaded["parent"], cascaded["kpis"]
    team, team_kpi = department(workspace, "Team north", Strategy.objects.get(plan__name="Sales"))
    choose(client, sales_kpi, "sum", [team_kpi])
    choose(client, parent, "sum", [sales_kpi, service_kpi])
    enter(client, team, team_kpi, "7")
    enter(client, cascaded["service"], service_kpi, "5")
    assert Measurement.objects.get(kpi=sales_kpi).value == 7
    assert Measurement.objects.get(kpi=parent).value == 12
    with django_capture_on_commit_callbacks(execute=True):
        cascade.unlink(cascaded["service"].serves.get())
    assert Measurement.objects.get(kpi=parent).value == 7
    page = html(client, reverse("dashboard:kpi", args=["acme", plan.pk, parent.pk]))
    assert "is not a KPI of a plan below this one" in page


def test_choosing_by_hand_again_keeps_the_figures_and_opens_the_grid(cascaded, plan, owner, login):
    client, parent = login(owner), cascaded["parent"]
    choose(client, parent, "sum", cascaded["kpis"])
    enter(client, cascaded["sales"], cascaded["kpis"][0], "4")
    choose(client, parent, "", [])
    assert Measurement.objects.get(kpi=parent).value == 4
    enter(client, plan, parent, "6")
    assert Measurement.objects.get(kpi=parent).value == 6


def test_the_last_value_follows_the_figure_entered_last(cascaded, owner, login, time_machine):
    start = datetime(2027, 5, 3, 9, tzinfo=UTC)
    time_machine.move_to(start)
    client, parent, (sales_kpi, service_kpi) = login(owner), cascaded["parent"], cascaded["kpis"]
    choose(client, parent, "last", [sales_kpi, service_kpi])
    order = [(cascaded["sales"], sales_kpi, "3"), (cascaded["service"], service_kpi, "9")]
    random.Random(4).shuffle(order)
    for minutes, (plan_, kpi, value) in enumerate(order):
        time_machine.move_to(start + timedelta(minutes=minutes + 1))
        enter(client, plan_, kpi, value)
    assert Measurement.objects.get(kpi=parent).value == Decimal(order[-1][2])


def test_a_moved_workspace_keeps_its_fed_kpis_and_their_sources(
    cascaded, plan, owner, login, django_capture_on_commit_callbacks
):
    from koers.reports.workspace_import import import_workspace, read_document
    from koers.reports.workspace_json import export_text

    client = login(owner)
    choose(client, cascaded["parent"], "median", cascaded["kpis"])
    enter(client, cascaded["sales"], cascaded["kpis"][0], "6")
    with django_capture_on_commit_callbacks(execute=True):
        copy = import_workspace(read_document(export_text(plan.workspace).encode()), owner)
    fed_copy = Kpi.objects.get(plan__workspace=copy, roll_up="median")
    assert {s.source.plan.name for s in fed_copy.sources.all()} == {"Sales", "Service"}
    assert {s.source.plan.workspace_id for s in fed_copy.sources.all()} == {copy.pk}
    figure = Measurement.objects.get(kpi=fed_copy)
    assert (figure.value, figure.sources_present, figure.sources_total) == (6, 1, 2)


def test_a_kpi_fed_both_by_a_team_and_by_its_department_ends_up_with_both_figures(
    cascaded, plan, workspace, owner, login
):
    client = login(owner)
    parent, (sales_kpi, _service_kpi) = cascaded["parent"], cascaded["kpis"]
    team, team_kpi = department(workspace, "Team north", Strategy.objects.get(plan__name="Sales"))
    choose(client, sales_kpi, "sum", [team_kpi])
    choose(client, parent, "sum", [sales_kpi, team_kpi])  # the team counted twice, on purpose
    enter(client, team, team_kpi, "7")
    assert Measurement.objects.get(kpi=sales_kpi).value == 7
    assert Measurement.objects.get(kpi=parent).value == 14


def test_entering_a_figure_costs_the_same_queries_with_2_or_20_sources(
    plan, workspace, owner, login
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kpis_of(plan)
    parent = Kpi.objects.get(plan=plan, measure__isnull=False)
    client = login(owner)
    depts = [department(workspace, f"Dept {i:02}", plan.strategies.get()) for i in range(20)]

    def cost(n):
        choose(client, parent, "sum", [kpi for _dept, kpi in depts[:n]])
        first_plan, first_kpi = depts[0]
        with CaptureQueriesContext(connection) as ctx:  # a new figure, in a month of its own
            enter(client, first_plan, first_kpi, str(n), period=f"2027-{n % 12:02}")
        return len(ctx.captured_queries)

    assert cost(2) == cost(20)
    assert Measurement.objects.get(kpi=parent, period=date(2027, 8, 1)).value == 20


def test_a_source_whose_unit_changed_stops_counting_and_says_why(cascaded, plan, owner, login):
    client = login(owner)
    parent, (sales_kpi, service_kpi) = cascaded["parent"], cascaded["kpis"]
    choose(client, parent, "sum", [sales_kpi, service_kpi])
    enter(client, cascaded["sales"], sales_kpi, "3")
    enter(client, cascaded["service"], service_kpi, "4")
    assert Measurement.objects.get(kpi=parent).value == 7
    service_kpi.refresh_from_db()
    url = reverse("dashboard:kpi", args=["acme", service_kpi.plan_id, service_kpi.pk])
    settings = {"unit": "EUR", "direction": "higher", "frequency": "monthly"}
    response = client.post(url, {**settings, "tolerance_pct": 10, "version": service_kpi.version})
    assert response.status_code == 302
    assert Measurement.objects.get(kpi=parent).value == 3
    page = html(client, reverse("dashboard:kpi", args=["acme", plan.pk, parent.pk]))
    assert "not counted" in page and "measured in “EUR”" in page


def test_figures_entered_by_hand_stay_where_the_plans_below_have_none(cascaded, plan, owner, login):
    client, parent = login(owner), cascaded["parent"]
    sales, sales_kpi = cascaded["sales"], cascaded["kpis"][0]
    for period, value in (("2027-03", "50"), ("2027-04", "60")):
        enter(client, plan, parent, value, period)
    for period, value in (("2027-04", "8"), ("2027-05", "9")):
        enter(client, sales, sales_kpi, value, period)
    page = client.get(roll_up_url(parent)).content.decode()
    assert "stay for the periods the plans below have no figures for" in page
    choose(client, parent, "sum", cascaded["kpis"])
    figures = {str(m.period)[:7]: m.value for m in Measurement.objects.filter(kpi=parent)}
    assert figures == {"2027-03": 50, "2027-04": 8, "2027-05": 9}
    replaced = Change.objects.filter(object_id=parent.measurements.get(period__month=4).pk)
    assert "60" in [c.old for c in replaced if c.field == "value"]  # the change log keeps it
    enter(client, sales, sales_kpi, "", "2027-05")  # its source's figure removed: the fed one too
    figures = {str(m.period)[:7]: m.value for m in Measurement.objects.filter(kpi=parent)}
    assert figures == {"2027-03": 50, "2027-04": 8}


def test_a_rolled_up_figure_corrected_by_hand_is_no_longer_incomplete(cascaded, plan, owner, login):
    client, parent = login(owner), cascaded["parent"]
    choose(client, parent, "sum", cascaded["kpis"])
    enter(client, cascaded["sales"], cascaded["kpis"][0], "4")
    kpi_page = reverse("dashboard:kpi", args=["acme", plan.pk, parent.pk])
    assert "incomplete: 1 of 2" in html(client, kpi_page)
    choose(client, parent, "", [])
    enter(client, plan, parent, "6")
    assert "incomplete" not in html(client, kpi_page)
    choose(client, parent, "sum", cascaded["kpis"])  # fed again: Sales's figure counts
    assert Measurement.objects.get(kpi=parent).value == 4
