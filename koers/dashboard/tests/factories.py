"""Builders for dashboard tests."""

from datetime import date
from decimal import Decimal

from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement
from koers.plans import cascade
from koers.plans.models import Measure, Strategy
from koers.plans.tests.factories import make_plan


def kpis_of(plan, baseline=0, target=100, start=date(2026, 1, 1), end=date(2027, 12, 31)):
    """Every KPI of the plan climbing from `baseline` at `start` to `target` at `end`."""
    services.ensure_kpis(plan)
    Kpi.objects.filter(plan=plan).update(
        baseline_value=Decimal(baseline),
        baseline_date=start,
        target_value=Decimal(target),
        target_date=end,
    )
    return list(Kpi.objects.filter(plan=plan).select_related("goal", "measure"))


def measure(kpi, period, value, note=""):
    return Measurement.objects.create(kpi=kpi, period=period, value=Decimal(str(value)), note=note)


def department(workspace, name, serves, unit="orders"):
    """A department's plan with one strategy measure in `unit`, serving `serves`."""
    plan = make_plan(workspace, name)
    strategy = Strategy.objects.create(plan=plan, title=f"{name} online", position=0)
    Measure.objects.create(strategy=strategy, name=f"{name} orders", unit=unit, position=0)
    cascade.link(plan, serves)
    return plan, Kpi.objects.get(plan=plan)
