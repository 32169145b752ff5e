"""The KPI page keeps its settings form, its period table and its history, and the figures grid
its table, under what they show
(koers.lib.pagecache fragments): after every kind of change the page served equals a page
rendered from scratch."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_user
from koers.accounts.models import Membership, Role
from koers.accounts.services import create_invite
from koers.dashboard import fed, rollup, services
from koers.dashboard.models import Measurement
from koers.dashboard.tests.factories import department, kpis_of, measure
from tests.pages import assert_fresh, html

KINDS = ["kpi settings", "owner chosen", "owner renamed", "new member", "invited", "role"]


@pytest.mark.parametrize("kind", KINDS)
def test_no_change_leaves_a_stale_settings_form(kind, login, plan, owner, member):
    kpi, _measure_kpi = kpis_of(plan)
    address = reverse("dashboard:kpi", args=["acme", plan.pk, kpi.pk])
    client = login(owner)
    before = html(client, address)  # fills the page and its form
    if kind == "kpi settings":
        kpi.tolerance_pct = 50
        kpi.save()
    elif kind == "owner chosen":
        kpi.owner = member
        kpi.save()
    elif kind == "owner renamed":  # among whom the form offers
        member.first_name = "Mira"
        member.save()
    elif kind == "new member":
        nina = make_user("nina")
        Membership.objects.create(workspace=plan.workspace, user=nina, role=Role.MEMBER)
    elif kind == "invited":
        create_invite(plan.workspace, "anna@example.com", Role.MEMBER, owner, name="Anna")
    elif kind == "role":  # a process owner may edit the plan but not invite
        Membership.objects.filter(user=owner).update(role=Role.PROCESS_OWNER)
        plan.workspace.save()
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    assert after != before, f"the KPI page does not show: {kind}"


GRID_KINDS = ["goal renamed", "measure renamed", "strategy renamed", "unit", "figure", "period"]


@pytest.mark.parametrize("kind", GRID_KINDS)
def test_no_change_leaves_a_stale_figures_grid(kind, login, plan, owner):
    goal_kpi, measure_kpi = kpis_of(plan)
    address = reverse("dashboard:grid", args=["acme", plan.pk]) + "?period=2027-03"
    client = login(owner)
    before = html(client, address)  # fills the page and its table
    if kind == "goal renamed":
        goal_kpi.goal.title = "Revenue 2M"
        goal_kpi.goal.save()
    elif kind == "measure renamed":
        measure_kpi.measure.name = "Orders online"
        measure_kpi.measure.save()
    elif kind == "strategy renamed":
        strategy = measure_kpi.measure.strategy
        strategy.title = "Sell online"
        strategy.save()
    elif kind == "unit":
        measure_kpi.unit = "parcels"
        measure_kpi.save()
    elif kind == "figure":
        measure(measure_kpi, date(2027, 3, 1), 12)
    elif kind == "period":
        address = address.replace("2027-03", "2027-04")
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    assert after != before, f"the grid does not show: {kind}"


FIGURE_KINDS = [
    "figure added",
    "value corrected",
    "note corrected",
    "removed",
    "enterer renamed",
    "milestone",
    "filled from below",
]


@pytest.mark.parametrize("kind", FIGURE_KINDS)
def test_no_change_leaves_stale_figures_on_the_kpi_page(kind, login, plan, owner, time_machine):
    """The period table and the history are kept (`{% fragment %}`): each change of what they
    show reaches the page."""
    time_machine.move_to(date(2027, 6, 15))
    kpi, measure_kpi = kpis_of(plan)
    kpi.baseline_value, kpi.target_value = Decimal(0), Decimal(100)
    kpi.baseline_date, kpi.target_date = date(2027, 1, 1), date(2027, 12, 31)
    kpi.save()
    measure(kpi, date(2027, 4, 1), 30)
    may = measure(kpi, date(2027, 5, 1), 40, note="First count")
    Measurement.objects.filter(pk=may.pk).update(entered_by=owner)
    address = reverse("dashboard:kpi", args=["acme", plan.pk, kpi.pk])
    client = login(owner)
    before = html(client, address)  # fills the page and its kept parts
    may.refresh_from_db()
    if kind == "figure added":
        measure(kpi, date(2027, 3, 1), 20)
    elif kind == "value corrected":
        may.value = Decimal(45)
        services.correct_figure(may, ["value"], may.version)
    elif kind == "note corrected":
        may.note = "Recounted"
        services.correct_figure(may, ["note"], may.version)
    elif kind == "removed":
        may.delete()
    elif kind == "enterer renamed":
        owner.first_name = "Olga"
        owner.save()
    elif kind == "milestone":
        services.set_milestone(kpi, date(2027, 5, 1), Decimal(90))
    elif kind == "filled from below":  # no correcting by hand any more
        _sales, sales_kpi = department(plan.workspace, "Sales", measure_kpi.measure.strategy)
        sales_kpi.unit = kpi.unit
        sales_kpi.save()
        kpi.refresh_from_db()
        fed.set_roll_up(kpi, rollup.SUM, [sales_kpi.pk], kpi.version)
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    assert after != before, f"the KPI page does not show: {kind}"


def test_each_reader_gets_the_history_their_rights_allow(login, plan, owner, viewer):
    kpi, _measure_kpi = kpis_of(plan)
    measure(kpi, date(2027, 5, 1), 40)
    address = reverse("dashboard:kpi", args=["acme", plan.pk, kpi.pk])
    may_correct = html(login(owner), address)
    client = login(viewer)
    read_only = html(client, address)
    assert "Correct" in may_correct and "Correct</a>" not in read_only
    assert_fresh(client, address, read_only, "a viewer after an owner")
