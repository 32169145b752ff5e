"""Pages that show only KPI statuses (the plan session, the workspace overview) read them in one
query; the status must be the one the dashboard shows, whatever the figures and milestones."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.dashboard import latest, services
from koers.dashboard.models import Kpi, KpiTarget, Measurement
from koers.dashboard.tests.factories import kpis_of

MONTHS = [date(2024 + i // 12, i % 12 + 1, 1) for i in range(60)]  # 2024 to 2028
AMOUNT = st.decimals(-500, 500, places=2, allow_nan=False, allow_infinity=False)


def mostly(values):
    """Nearly always a value, now and then None: most KPIs have a target and a baseline."""
    return st.one_of(*[values] * 6, st.none())


SETTINGS = st.fixed_dictionaries(
    {
        "direction": st.sampled_from(["higher", "lower", "range"]),
        "frequency": st.sampled_from(["monthly", "quarterly"]),
        "tolerance_pct": st.integers(0, 50),
        "baseline_value": mostly(AMOUNT),
        "baseline_date": mostly(st.sampled_from(MONTHS)),
        "target_value": mostly(AMOUNT),
        "target_date": mostly(st.sampled_from(MONTHS)),
        "range_min": mostly(AMOUNT),
        "range_max": mostly(AMOUNT),
    }
)
# Figures around "today": months back (beyond the two-year window too) and a few ahead; now
# and then on the 15th, which is no period's start and must be ignored.
OFFSET = st.one_of(st.integers(-6, 1), st.integers(-100, 3))  # mostly recent, as in real use
FIGURES = st.lists(st.tuples(OFFSET, st.sampled_from([1, 1, 1, 15]), AMOUNT), max_size=10)
MILESTONES = st.lists(st.tuples(OFFSET, AMOUNT), max_size=4)


def month(today: date, offset: int, day: int = 1) -> date:
    index = today.year * 12 + today.month - 1 + offset
    return date(index // 12, index % 12 + 1, day)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(SETTINGS, FIGURES, MILESTONES, st.sampled_from(MONTHS).map(lambda d: d.replace(day=20)))
def test_one_query_gives_the_status_the_dashboard_shows(plan, kpi_settings, figures, goals, today):
    figures = {month(today, offset, day): value for offset, day, value in figures}
    goals = {month(today, offset): value for offset, value in goals}
    with transaction.atomic():
        kpi = kpis_of(plan)[0]
        Kpi.objects.filter(pk=kpi.pk).update(**kpi_settings)
        Measurement.objects.bulk_create(
            Measurement(kpi=kpi, period=p, value=v) for p, v in figures.items()
        )
        KpiTarget.objects.bulk_create(
            KpiTarget(kpi=kpi, period=p, value=v) for p, v in goals.items()
        )
        one = Kpi.objects.filter(pk=kpi.pk)
        [read] = latest.with_latest_figure(one, today)
        [view] = services.kpi_views(one, today)
        value = None if read.latest_value is None else float(read.latest_value)
        assert (read.latest_period, value, latest.target_of(read), latest.status_of(read)) == (
            view.latest_period,
            view.latest,
            view.target,
            view.status,
        )
        [(row, status)] = latest.status_rows(one, today)  # plain values, same rule
        assert (row.plan_id, row.latest_period, status) == (
            plan.pk,
            view.latest_period,
            view.status,
        )
        transaction.set_rollback(True)


def test_a_kpi_below_its_line_is_off_track_and_one_above_it_on_track(login, plan, owner):
    goal_kpi, measure_kpi = kpis_of(plan, baseline=0, target=100)
    today = date(2027, 6, 20)
    Measurement.objects.create(kpi=goal_kpi, period=date(2027, 6, 1), value=Decimal(10))  # off
    Measurement.objects.create(kpi=measure_kpi, period=date(2027, 5, 1), value=Decimal(90))  # on
    statuses = dict(latest.statuses(Kpi.objects.filter(plan=plan), today))
    assert (statuses[goal_kpi], statuses[measure_kpi]) == ("off_track", "on_track")


def test_the_window_holds_the_period_starts_between_its_ends_and_nothing_else(plan):
    """`in_window` lists the periods one by one: the figures it selects are exactly those on
    the first day of a month (of a quarter, for a quarterly KPI) from the window's first
    period to the current one."""
    today = date(2027, 6, 20)
    monthly, quarterly = kpis_of(plan)[:2]
    Kpi.objects.filter(pk=quarterly.pk).update(frequency="quarterly")
    days = [month(today, offset, day) for offset in range(-80, 4) for day in (1, 15)]
    for kpi in (monthly, quarterly):
        Measurement.objects.bulk_create(
            Measurement(kpi=kpi, period=d, value=Decimal(1)) for d in days
        )
    for kpi, frequency, steps in ((monthly, "monthly", 1), (quarterly, "quarterly", 3)):
        first, last = (
            services.window_for(today, frequency)[0],
            services.window_for(today, frequency)[-1],
        )
        expected = [
            d for d in days if d.day == 1 and first <= d <= last and (d.month - 1) % steps == 0
        ]
        shown = Measurement.objects.filter(services.in_window(today), kpi=kpi).order_by("period")
        assert list(shown.values_list("period", flat=True)) == expected
        assert len(expected) == services.HISTORY_PERIODS
