"""The cached dashboard, KPI page and figures grid are never stale after figures change."""

from datetime import date

import pytest
from django.urls import reverse

from koers.dashboard import services, transfer
from koers.dashboard.tests.factories import kpis_of, measure
from tests.pages import assert_fresh, html


def enter_figure(kind, kpi, plan, owner):
    if kind == "new figure":
        measure(kpi, date(2026, 11, 1), 61.5, note="Autumn market")
    elif kind == "grid":
        services.save_period(plan, date(2026, 11, 1), {kpi.pk: 61.5}, owner)
    elif kind == "edited figure":
        figure = kpi.measurements.get()
        figure.value, figure.note = 61.5, "Corrected"
        # As the product corrects a figure: a versioned save (every figure write bumps
        # `version`, which the dashboard's digest of figures relies on: dashboard/kept.py).
        services.correct_figure(figure, ["value", "note"], figure.version)
    elif kind == "milestone":
        services.set_milestone(kpi, date(2026, 10, 1), 95)
    elif kind in ("imported figure", "imported change"):
        period = "2026-11" if kind == "imported figure" else "2026-10"
        table = [transfer.HEADER, [str(kpi.pk), "x", period, "61.5", "Imported"]]
        transfer.commit_rows(plan, transfer.check_rows(plan, table), owner)


@pytest.mark.parametrize("page", ["dashboard", "kpi", "grid"])
@pytest.mark.parametrize(
    "kind",
    ["new figure", "grid", "edited figure", "milestone", "imported figure", "imported change"],
)
def test_no_figure_change_leaves_a_stale_page(page, kind, login, plan, owner, time_machine):
    time_machine.move_to(date(2026, 11, 20))
    kpi = kpis_of(plan)[0]
    measure(kpi, date(2026, 10, 1), 40)
    args = {"kpi": [kpi.pk]}.get(page, [])
    url = reverse(f"dashboard:{page}", args=["acme", plan.pk, *args])
    if page == "grid":
        url += "?period=2026-11"
    client = login(owner)
    before = html(client, url)  # fills the cache
    enter_figure(kind, kpi, plan, owner)
    after = html(client, url)
    assert_fresh(client, url, after, kind)
    other_month = ("edited figure", "milestone", "imported change")
    if not (page == "grid" and kind in other_month):
        assert after != before, f"{page} does not show: {kind}"


def test_a_removed_kpi_is_not_served_from_the_cache(login, plan, owner):
    kpi = kpis_of(plan)[0]
    url = reverse("dashboard:kpi", args=["acme", plan.pk, kpi.pk])
    client = login(owner)
    assert client.get(url).status_code == 200  # now cached
    kpi.delete()
    assert client.get(url).status_code == 404
