"""Cascaded plans: a plan serves a strategy or goal of a plan above it, never in a circle."""

import pytest

from koers.plans.cascade import CascadeError, link, unlink
from koers.plans.models import PlanLink, Strategy
from koers.plans.tests.factories import make_plan


def _plan(workspace, name):
    plan = make_plan(workspace, name)
    return plan, Strategy.objects.create(plan=plan, title=f"{name} strategy")


def test_a_department_plan_serves_a_strategy_and_the_link_knows_its_item(workspace):
    org, org_strategy = _plan(workspace, "Organisation")
    department, _ = _plan(workspace, "Sales")
    made = link(department, org_strategy)
    assert made.parent_item == org_strategy
    assert list(org_strategy.served_by.all()) == [made]
    with pytest.raises(CascadeError):
        link(department, org_strategy)  # the same item twice


def test_links_that_would_go_round_in_a_circle_are_refused_at_any_depth(workspace):
    top, top_strategy = _plan(workspace, "Top")
    middle, middle_strategy = _plan(workspace, "Middle")
    bottom, bottom_strategy = _plan(workspace, "Bottom")
    link(middle, top_strategy)
    link(bottom, middle_strategy)
    for child, item in [(top, bottom_strategy), (top, middle_strategy), (top, top_strategy)]:
        with pytest.raises(CascadeError):
            link(child, item)
    assert PlanLink.objects.count() == 2
    unlink(PlanLink.objects.get(child=bottom))
    link(top, bottom_strategy)  # with the chain broken it is no circle any more


def test_a_plan_cannot_serve_another_workspace_or_a_retired_item(workspace, other_workspace):
    mine, _ = _plan(workspace, "Mine")
    _, theirs = _plan(other_workspace, "Theirs")
    with pytest.raises(CascadeError):
        link(mine, theirs)
    other, retired = _plan(workspace, "Other")
    Strategy.objects.filter(pk=retired.pk).update(retired_at="2027-01-01T00:00Z")
    retired.refresh_from_db()
    with pytest.raises(CascadeError):
        link(mine, retired)
    assert not PlanLink.objects.exists()
