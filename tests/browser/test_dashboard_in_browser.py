"""In a real browser: a month's figures entered in the grid turn a KPI from on track to off
track on the dashboard; the dashboard is captured in both languages."""

from datetime import date

import pytest
from django.utils import timezone

from koers.dashboard.services import window_for
from koers.dashboard.tests.factories import kpis_of, measure


@pytest.mark.django_db(transaction=True)
def test_entering_figures_turns_a_kpi_off_track(
    page, live_server, log_in, screenshot, plan, member
):
    goal_kpi, measure_kpi = kpis_of(
        plan, baseline=0, target=100, start=date(2020, 1, 1), end=date(2021, 1, 1)
    )  # the target is 100 by now
    last_month = window_for(timezone.localdate(), "monthly")[-2]
    measure(goal_kpi, last_month, 120)
    base = f"{live_server.url}/w/acme/plans/{plan.pk}/dashboard/"

    log_in(member)
    page.goto(base)
    goals = page.locator("#goals-title + .table-wrap")
    assert "On track" in goals.inner_text()

    page.click("text=Enter figures")
    this_month = timezone.localdate().strftime("%Y-%m")
    page.goto(f"{base}figures/?period={this_month}")
    page.fill(f"#kpi-{goal_kpi.pk}", "40")
    page.keyboard.press("Tab")  # keyboard friendly: on to the next KPI
    page.keyboard.type("55")
    page.click("text=Save figures")
    page.locator(".messages", has_text="saved for").wait_for()  # "1 figure" or "2 figures"

    page.goto(base)
    assert "Off track" in page.locator("#goals-title + .table-wrap").inner_text()
    screenshot("dashboard-en")
    page.click("button[name=language][value=nl]")
    page.locator("h2", has_text="Doelen").wait_for()
    assert "Niet op koers" in page.content()
    screenshot("dashboard-nl")
    page.goto(f"{base}kpis/{goal_kpi.pk}/")
    screenshot("kpi-nl")
