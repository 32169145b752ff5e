"""KPIs and their measurements: read them, push figures in bulk (all or nothing, as the import)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from koers.accounts.permissions import Can
from koers.api import schemas as s
from koers.api.core import MAX_LIMIT, READ_ERRORS, WRITE_ERRORS, page, plan_door, tagged
from koers.dashboard import transfer
from koers.dashboard.models import Kpi, Measurement
from koers.plans.access import valid_id

router = Router(tags=["figures"])


def _kpi_out(kpi) -> s.KpiOut:
    return s.KpiOut(
        id=kpi.pk,
        name=kpi.name,
        goal_id=kpi.goal_id,
        measure_id=kpi.measure_id,
        unit=kpi.unit,
        direction=kpi.direction,
        target_value=kpi.target_value,
        target_date=kpi.target_date,
        frequency=kpi.frequency,
        version=kpi.version,
    )


@router.get("/w/{slug}/plans/{plan_id}/kpis", response={200: s.KpiPage, **READ_ERRORS})
def list_kpis(
    request,
    response: HttpResponse,
    slug: str,
    plan_id: int,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    """Every goal and strategy measure is a KPI (made when it is created)."""
    plan, _membership = plan_door(request, slug, plan_id)
    kpis = Kpi.objects.filter(plan=plan).select_related("goal", "measure")
    return tagged(request, response, s.KpiPage(**page(kpis, cursor, limit, _kpi_out)))


@router.get(
    "/w/{slug}/plans/{plan_id}/kpis/{kpi_id}/measurements",
    response={200: s.MeasurementPage, **READ_ERRORS},
)
def list_measurements(
    request,
    response: HttpResponse,
    slug: str,
    plan_id: int,
    kpi_id: int,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    plan, _membership = plan_door(request, slug, plan_id)
    kpi = get_object_or_404(Kpi, pk=valid_id(kpi_id), plan=plan)
    data = page(Measurement.objects.filter(kpi=kpi), cursor, limit, s.MeasurementOut.from_orm)
    return tagged(request, response, s.MeasurementPage(**data))


@router.post(
    "/w/{slug}/plans/{plan_id}/measurements",
    response={**WRITE_ERRORS, 200: s.PushOut, 422: s.PushRefused},
)
def push_measurements(request, slug: str, plan_id: int, payload: s.MeasurementsIn):
    """Write figures for any of the plan's KPIs, one per KPI and month (a figure already there
    is replaced). The rows are checked as an import's: one bad row and nothing is written."""
    plan, _membership = plan_door(request, slug, plan_id, need=Can.ENTER_FIGURES)
    table = [transfer.HEADER] + [
        [str(m.kpi_id), "", m.period, str(m.value), m.note] for m in payload.measurements
    ]
    checked = transfer.check_rows(plan, table)  # repeats of a KPI and month are errors too
    # A row's line counts the import's header row: the payload's index is two less.
    errors = [s.RowError(index=row.line - 2, error=row.error) for row in checked.errors]
    if errors:
        return Status(422, s.PushRefused(detail=_("Nothing was written."), rows=errors))
    return Status(200, s.PushOut(written=transfer.commit_rows(plan, checked, request.user)))
