"""Each KPI's current status in one query, for pages that show statuses but no figures.

The status rule reads only a KPI's latest figure in its window (koers.dashboard.services) and
the target for that period, so the database brings those along as annotations: the figure, its
period and that period's milestone. The interpolated target and the rule itself stay in Python,
in the same functions the dashboard uses; a test holds the two ways to the same answer.
"""

from datetime import date
from typing import NamedTuple

from django.db.models import OuterRef, Subquery

from koers.dashboard import status as rules
from koers.dashboard import targets
from koers.dashboard.models import KpiTarget, Measurement
from koers.dashboard.services import in_window

# The KPI columns `status_of` reads: a page that needs only statuses loads just these (`only`).
STATUS_FIELDS = (
    "frequency",
    "baseline_date",
    "baseline_value",
    "target_date",
    "target_value",
    "direction",
    "tolerance_pct",
    "range_min",
    "range_max",
)


def with_latest_figure(kpis, today: date):
    """The KPIs annotated with `latest_period`, `latest_value` and `milestone` (that period's)."""
    latest = Measurement.objects.filter(in_window(today), kpi=OuterRef("pk")).order_by("-period")
    return kpis.annotate(
        latest_period=Subquery(latest.values("period")[:1]),
        latest_value=Subquery(latest.values("value")[:1]),
    ).annotate(
        milestone=Subquery(
            KpiTarget.objects.filter(kpi=OuterRef("pk"), period=OuterRef("latest_period")).values(
                "value"
            )[:1]
        )
    )


def target_of(kpi):
    """The target for the period of the latest figure of a KPI from `with_latest_figure`."""
    if kpi.latest_period is None:
        return None
    return targets.target_for(
        kpi.latest_period,
        kpi.frequency,
        {} if kpi.milestone is None else {kpi.latest_period: kpi.milestone},
        kpi.baseline_date,
        kpi.baseline_value,
        kpi.target_date,
        kpi.target_value,
    )


def status_of(kpi) -> str:
    """The status of a KPI annotated by `with_latest_figure`."""
    if kpi.latest_period is None:
        return rules.UNKNOWN
    return rules.kpi_status(
        float(kpi.latest_value),
        target_of(kpi),
        kpi.direction,
        kpi.tolerance_pct,
        kpi.range_min,
        kpi.range_max,
    )


def statuses(kpis, today: date) -> list[tuple]:
    """(KPI, status) for each of the given KPIs, in one query."""
    return [(kpi, status_of(kpi)) for kpi in with_latest_figure(kpis, today)]


class Latest(NamedTuple):
    """What the status rule reads of a KPI (`STATUS_FIELDS`) with its latest figure, and its
    plan: plain values, for pages that judge hundreds of KPIs and show none of them."""

    plan_id: int
    frequency: str
    baseline_date: date | None
    baseline_value: object
    target_date: date | None
    target_value: object
    direction: str
    tolerance_pct: object
    range_min: object
    range_max: object
    latest_period: date | None
    latest_value: object
    milestone: object


def status_rows(kpis, today: date) -> list[tuple[Latest, str]]:
    """As `statuses`, each KPI as a `Latest` instead of a model instance (a third of the cost
    for a workspace's KPIs), in one query."""
    rows = with_latest_figure(kpis, today).values_list(*Latest._fields)
    return [(kpi, status_of(kpi)) for kpi in map(Latest._make, rows)]
