"""In a real browser: the organisation's "Online orders" KPI is set to the sum of two department
KPIs; a figure entered in a department's grid shows on the organisation's dashboard, with the
departments' health beside the strategy they serve. English and Dutch, desktop and phone."""

import pytest
from django.utils import timezone

from koers.dashboard.models import Kpi
from koers.dashboard.tests.factories import department, kpis_of

PHONE = {"width": 390, "height": 844}


@pytest.mark.django_db(transaction=True)
def test_a_department_figure_fills_the_organisations_dashboard(
    page, live_server, log_in, screenshot, plan, workspace, owner
):
    kpis_of(plan)
    strategy = plan.strategies.get()  # "Go online", as in the demo's bakery
    sales, sales_kpi = department(workspace, "Sales", strategy)
    _service, service_kpi = department(workspace, "Service", strategy)
    _finance, euros = department(workspace, "Finance", strategy, unit="EUR")
    for dept in (sales, _service):
        kpis_of(dept, baseline=0, target=40)  # a line to aim at: the evidence has a status
    parent = Kpi.objects.get(plan=plan, measure__isnull=False)
    base = f"{live_server.url}/w/acme/plans/{plan.pk}/dashboard/"

    log_in(owner)
    page.goto(f"{base}kpis/{parent.pk}/")
    page.click("text=Fill from the plans below")
    # Before choosing, the owner reads what happens to the figures already entered by hand.
    page.locator("p", has_text="Figures entered by hand for this KPI stay").wait_for()
    page.select_option("select[name=roll_up]", "sum")
    page.check("label:has-text('Finance · Finance orders')")
    page.check("label:has-text('Sales · Sales orders')")
    page.click("main button[type=submit]")
    refused = page.locator(".field-error", has_text="measured in “EUR”")
    refused.wait_for()  # the refused source is named; nothing was saved
    screenshot("refused-en")
    page.uncheck("label:has-text('Finance · Finance orders')")
    page.check("label:has-text('Service · Service orders')")
    page.click("main button[type=submit]")
    page.locator(".messages", has_text="Roll-up saved.").wait_for()
    assert "Sales · Sales orders" in page.content()
    assert euros.pk  # still a KPI of its own plan, never fed in

    this_month = timezone.localdate().strftime("%Y-%m")
    page.goto(f"{live_server.url}/w/acme/plans/{sales.pk}/dashboard/figures/?period={this_month}")
    page.fill(f"#kpi-{sales_kpi.pk}", "30")
    page.click("text=Save figures")
    page.locator(".messages", has_text="saved for").wait_for()

    page.goto(base)
    block = page.locator(".strategy-block", has_text="Go online")
    assert "30 orders" in " ".join(block.locator("td.num").first.inner_text().split())
    serving = block.locator(".serving-plans")
    assert "Sales" in serving.inner_text() and "Service" in serving.inner_text()
    sales_row = serving.locator("tr", has_text="Sales").inner_text()
    assert "On track" in sales_row or "At risk" in sales_row or "Off track" in sales_row
    screenshot("dashboard-en")

    page.goto(f"{base}kpis/{parent.pk}/")
    assert "incomplete: 1 of 2" in page.content()
    page.goto(f"{base}figures/?period={this_month}")
    assert "filled from: Sales, Service" in page.content()
    assert page.locator(f"#kpi-{parent.pk}").count() == 0  # no input for a fed KPI

    page.click("button[name=language][value=nl]")
    page.locator("text=gevuld vanuit: Sales, Service").wait_for()
    page.goto(base)
    dutch = page.locator(".strategy-block", has_text="Go online")
    assert "Plannen die deze strategie dienen" in dutch.inner_text()
    screenshot("dashboard-nl")
    page.set_viewport_size(PHONE)
    screenshot("dashboard-nl-phone")
    page.goto(f"{base}kpis/{parent.pk}/")
    assert "onvolledig: 1 van 2" in page.content()
    screenshot("kpi-nl-phone")
    assert service_kpi.pk
