"""The KPI page keeps its settings form, and the figures grid its table, under what they show
(koers.lib.pagecache fragments): after every kind of change the page served equals a page
rendered from scratch."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import make_user
from koers.accounts.models import Membership, Role
from koers.accounts.services import create_invite
from koers.dashboard.tests.factories import kpis_of, measure
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
