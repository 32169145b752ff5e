"""A goal or measure is a KPI from the moment it exists, so reading the dashboard, the figures
grid or the import page never writes."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from koers.dashboard.models import Kpi
from koers.plans.models import Goal, Measure


def revision(plan):
    plan.workspace.refresh_from_db()
    return plan.workspace.revision


def test_a_goal_made_on_the_plan_page_has_its_kpi_at_once(login, plan, owner):
    login(owner).post(
        reverse("plans:goal_new", args=["acme", plan.pk]),
        {"title": "Happy customers", "target_value": "90", "target_unit": "%"},
    )
    kpi = Kpi.objects.get(goal__title="Happy customers")
    assert (kpi.target_value, kpi.unit, kpi.target_date) == (90, "%", plan.end_date)


def test_a_measure_made_anywhere_has_its_kpi_at_once(plan):
    measure = Measure.objects.create(
        strategy=plan.strategies.get(), name="Repeat orders", target=30, direction="lower"
    )
    kpi = Kpi.objects.get(measure=measure)
    assert (kpi.target_value, kpi.direction) == (30, "lower")


@pytest.mark.parametrize("page", ["dashboard", "grid", "import"])
def test_reading_the_figure_pages_writes_nothing(page, login, plan, owner):
    client = login(owner)
    kpis, before = Kpi.objects.count(), revision(plan)
    assert client.get(reverse(f"dashboard:{page}", args=["acme", plan.pk])).status_code == 200
    assert (Kpi.objects.count(), revision(plan)) == (kpis, before)


def test_the_migration_gives_older_goals_their_kpi_and_refreshes_the_pages(plan):
    Goal.objects.bulk_create([Goal(plan=plan, title="From before", position=5)])  # no signals
    before = revision(plan)
    migration = import_module("koers.dashboard.migrations.0005_kpis_for_every_goal_and_measure")
    migration.create_missing_kpis(apps, None)
    assert Kpi.objects.get(goal__title="From before").target_date == plan.end_date
    assert revision(plan) > before
    migration.create_missing_kpis(apps, None)  # a second run finds nothing to do
    assert Kpi.objects.filter(goal__title="From before").count() == 1
