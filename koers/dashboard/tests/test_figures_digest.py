"""The dashboard keeps each KPI's view under a digest of its figures (count, highest id, sum of
versions: dashboard/kept.py). Every kind of figure write must change it, also within the same
second (the clock is frozen here, so no time of entry can tell the writes apart): the kept view
has a new key and equals one computed from scratch, and the page served equals a fresh render."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from koers.dashboard import fed, kept, rollup, services, transfer
from koers.dashboard.models import Kpi, Measurement
from koers.dashboard.tests.factories import department, kpis_of, measure
from tests.pages import assert_fresh, html

MAY, APRIL = date(2027, 5, 1), date(2027, 4, 1)


@pytest.fixture
def figures(plan, workspace, owner):
    """A goal KPI with figures for April and May, and the strategy's KPI rolled up (sum) from a
    department's plan below, whose May figure is 5."""
    goal_kpi, measure_kpi = kpis_of(plan)
    measure(goal_kpi, APRIL, 100)
    may = measure(goal_kpi, MAY, 200, note="First count")
    sales, sales_kpi = department(workspace, "Sales", plan.strategies.get())
    fed.set_roll_up(measure_kpi, rollup.SUM, [sales_kpi.pk], measure_kpi.version)
    services.save_period(sales, MAY, {sales_kpi.pk: Decimal(5)}, owner)
    return {"goal": goal_kpi, "may": may, "sales": sales, "sales_kpi": sales_kpi}


def change(kind, plan, owner, figures):
    may = Measurement.objects.get(pk=figures["may"].pk)
    if kind == "figure added":
        measure(figures["goal"], date(2027, 3, 1), 50)
    elif kind == "value corrected":
        may.value = Decimal(250)
        services.correct_figure(may, ["value"], may.version)
    elif kind == "note corrected":
        may.note = "Recounted"
        services.correct_figure(may, ["note"], may.version)
    elif kind == "entered in the grid":
        services.save_period(plan, MAY, {figures["goal"].pk: Decimal(300)}, owner)
    elif kind == "removed":
        may.delete()
    elif kind == "removed, another entered with the same value":
        # Same count, same sum of values: only the new row's id tells.
        may.delete()
        measure(figures["goal"], date(2027, 2, 1), 200)
    elif kind == "imported":
        table = [transfer.HEADER, [str(figures["goal"].pk), "", "2027-05", "275", ""]]
        transfer.commit_rows(plan, transfer.check_rows(plan, table), owner)
    elif kind == "rolled up from below":
        # The fed KPI's May figure is rewritten in place (fed.refresh): same row, same count.
        services.save_period(figures["sales"], MAY, {figures["sales_kpi"].pk: Decimal(9)}, owner)


KINDS = [
    "figure added",
    "value corrected",
    "note corrected",
    "entered in the grid",
    "removed",
    "removed, another entered with the same value",
    "imported",
    "rolled up from below",
]


def _views(plan, today) -> list:
    """What the dashboard shows of each kept view, and the key it is kept under."""
    views = kept.kpi_views(services.in_plan_order(plan).order_by("pk"), today)
    return [
        (v.shown, v.latest_period, v.latest, v.target, v.status, v.trend, v.spark) for v in views
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_every_figure_write_changes_the_kept_view(kind, plan, owner, figures, time_machine):
    time_machine.move_to(timezone.make_aware(timezone.datetime(2027, 6, 15, 10)), tick=False)
    today = timezone.localdate()
    before = _views(plan, today)  # keeps every view
    change(kind, plan, owner, figures)
    served = _views(plan, today)
    cache.clear()
    assert served == _views(plan, today), kind
    assert [v[0] for v in served] != [v[0] for v in before], f"no key changed: {kind}"


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "note corrected"])
def test_the_dashboard_shows_every_figure_write(
    kind, login, plan, owner, member, figures, time_machine
):
    time_machine.move_to(timezone.make_aware(timezone.datetime(2027, 6, 15, 10)), tick=False)
    address = reverse("dashboard:dashboard", args=["acme", plan.pk])
    client = login(member)
    before = html(client, address)
    change(kind, plan, owner, figures)
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    assert after != before, f"the dashboard does not show: {kind}"
    assert Kpi.objects.filter(plan=plan).count() == 2


def test_a_quarterly_kpis_whole_window_is_in_its_digest(plan, time_machine):
    """Each KPI's digest reads its own window, by its frequency: a quarterly one goes back six
    years, where a monthly one's stops at two."""
    time_machine.move_to(timezone.make_aware(timezone.datetime(2027, 6, 15, 10)), tick=False)
    today = timezone.localdate()
    goal_kpi, _measure_kpi = kpis_of(plan)
    Kpi.objects.filter(pk=goal_kpi.pk).update(frequency="quarterly")
    first = services.window_for(today, "quarterly")[0]  # more than two years back
    figure = measure(goal_kpi, first, 10)
    before = _views(plan, today)
    figure.value, figure.version = Decimal(90), figure.version + 1
    figure.save()
    served = _views(plan, today)
    cache.clear()
    assert served == _views(plan, today)
    assert served != before
