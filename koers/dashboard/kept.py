"""The dashboard's KPI views kept between renders, so a change re-computes only what it touched.

A change anywhere bumps the workspace revision and the dashboard is rendered afresh; of its 300
KPIs a figure entered changes one. Each view (figures, targets, status, sparkline) is kept under
what it is computed from: the KPI's row and its goal's or measure's (`row_state`), its milestones,
the date, and a digest of its figures in the window read in the KPI query itself: their count,
highest id and sum of versions. Why that is enough (compared with the render the copy was made
at): a figure written since has an id above every id there was then (ids are never reused:
AUTOINCREMENT on SQLite, a sequence on PostgreSQL), so the highest id differs; else the figures
are some of the same rows, and fewer rows change the count; the same rows edited raise the sum,
because every write of a figure bumps its `version` (the grid, a correction, the roll-up in
`fed`, the import's fixed SQL). A figure never moves to another KPI or period. A new write path
must bump `version` too (docs/architecture.md); the time of entry is not needed, so two writes
in the same second are told apart (dashboard/tests/test_figures_digest.py).

Above the views, the page keeps them grouped, whole, under the plan's revision for the rows
they are made from (`dashboard`, koers.dashboard.per_plan): after a change elsewhere (an action
update) it reads one copy and no query.
"""

import functools
from dataclasses import replace

from django.core.cache import cache
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Max,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.db.models.lookups import Exact
from django.utils.functional import SimpleLazyObject

from koers.charts import sparkline
from koers.dashboard import per_plan, services
from koers.dashboard.models import Frequency, KpiTarget, Measurement
from koers.lib.pagecache import TIMEOUT, fragment_key, row_state


def figures_digest(today) -> Subquery:
    """Per KPI (to annotate with): a text that changes with every figure in its window.

    It covers every figure from the first period of the KPI's own window (by its frequency) to
    the current period, a superset of the window: it changes whenever one of those does, and
    one date range on the (kpi, period) index is simpler than `in_window`'s lists of periods
    per frequency. (A quarterly window spans six years, a monthly one two: one range for
    both read three times the rows a monthly KPI shows.)"""

    def text(aggregate):
        return Cast(aggregate, CharField())

    monthly, quarterly = (services.window_for(today, f) for f in Frequency)
    first = Case(
        When(Exact(OuterRef("frequency"), Frequency.MONTHLY), then=Value(monthly[0])),
        default=Value(quarterly[0]),
        output_field=DateField(),
    )
    last = max(monthly[-1], quarterly[-1])
    per_kpi = (
        Measurement.objects.filter(kpi=OuterRef("pk"), period__gte=first, period__lte=last)
        .order_by()
        .values("kpi")
        .annotate(
            digest=Concat(
                text(Count("id")),
                Value(":"),
                text(Max("id")),
                Value(":"),
                text(Sum("version")),
                output_field=CharField(),
            )
        )
        .values("digest")
    )
    return Subquery(per_kpi, output_field=CharField())


def dashboard(plan, today, revision: int) -> dict:
    """`services.dashboard` for the page, kept whole under the plan's `revision` for the rows
    it is made from (`per_plan.DASHBOARD`: its KPIs, their goals, measures and strategies with
    the declared colour, figures and milestones; read in the page's door): after a change
    elsewhere (an action update) it costs one read of the cache and no query. The copy holds
    the views and groups without their KPI rows; the rows are read again, all in one query,
    only if a row's fragment is rendered (each `view.kpi` is a lazy object). A miss makes each
    view under its own key (`kpi_views`), so a figure entered re-computes one view of 300."""
    kpis = services.dashboard_kpis(plan)
    made: dict = {}

    def compute(_plan_ids) -> dict:
        made.update((k.pk, k) for k in _with_digest(kpis, today))
        views = _per_kpi(list(made.values()), _milestones(kpis.values("pk")), today)
        data = services.grouped(views)
        # Kept without the KPI rows (the cache pickles it at once): reading 300 back costs.
        data["kpi_ids"] = [view.kpi.pk for view in views]
        for view in views:
            view.kpi = None
        return {plan.pk: data}

    data = per_plan.kept(
        "dashboard-kpis", per_plan.DASHBOARD, [plan.pk], compute, {plan.pk: revision}
    )[plan.pk]
    ids = data.pop("kpi_ids")
    if made:  # just made: the rows are at hand
        for pk, view in zip(ids, data["views"], strict=True):
            view.kpi = made[pk]
        return data
    rows = functools.cache(lambda: {k.pk: k for k in _with_digest(kpis, today)})
    for pk, view in zip(ids, data["views"], strict=True):
        view.kpi = SimpleLazyObject(functools.partial(lambda pk: rows().get(pk), pk))
    return data


def kpi_views(kpis, today) -> list:
    """As `services.kpi_views`, each view with its sparkline, from the cache where the KPI's
    data did not change (`_per_kpi`). `view.shown` keys its table row."""
    kpis = list(_with_digest(kpis, today))
    return _per_kpi(kpis, _milestones([k.pk for k in kpis]), today)


def _with_digest(kpis, today):
    # Not the owner: the dashboard does not show it (its id is in the KPI's row state).
    return kpis.select_related("goal", "measure__strategy").annotate(figures=figures_digest(today))


def _milestones(kpi_ids) -> dict:
    """KPI id -> {period: milestone}, each KPI's periods in order (`kpi_ids`: a list or a
    query of ids)."""
    milestones: dict = {}
    rows = KpiTarget.objects.filter(kpi_id__in=kpi_ids).order_by("kpi_id", "period")
    for kpi_id, period, value in rows.values_list("kpi_id", "period", "value"):
        milestones.setdefault(kpi_id, {})[period] = value
    return milestones


def _per_kpi(kpis, milestones, today) -> list:
    """Each KPI's view from the cache where its data did not change; figures are read only
    for the others.

    Only what the dashboard shows of a view is kept: its latest figure, target, status, trend
    and the sparkline drawn from the series; the series themselves (`periods`, `values`,
    `target_values`, `notes`) come back empty, as reading hundreds of them back from the cache
    cost more than the rest of the views together."""
    keys = {
        k.pk: fragment_key(
            "kpi-view",
            (
                row_state(k),
                row_state(k.goal),
                row_state(k.measure),
                k.figures,
                sorted(milestones.get(k.pk, {}).items()),
            ),
        )
        for k in kpis
    }
    kept = cache.get_many(keys.values())
    missing = [k for k in kpis if keys[k.pk] not in kept]
    if missing:
        made = {}
        for view in _views(missing, milestones, today):
            spark = sparkline(view.values[-12:], target=view.target, title=view.kpi.name)
            # The row is the caller's; the series are drawn in the sparkline.
            slim = replace(view, kpi=None, periods=[], values=[], target_values=[], notes={})
            made[keys[view.kpi.pk]] = (slim, spark)
        cache.set_many(made, TIMEOUT)
        kept.update(made)
    views = []
    for kpi in kpis:
        view, spark = kept[keys[kpi.pk]]  # a copy of its own (set_many pickled it already)
        view.kpi, view.spark, view.shown = kpi, spark, keys[kpi.pk]
        views.append(view)
    return views


def group_shown(group: dict) -> tuple:
    """What a group of the dashboard (a goal, a strategy block) shows: its own values and the
    rows of its KPIs (each `view.shown`). Its values include what it shows of other rows, such
    as the plans serving a strategy (`serving`, koers.dashboard.cascade_health)."""
    values = tuple((k, v) for k, v in sorted(group.items()) if k not in ("kpis", "strategy"))
    return (values, row_state(group.get("strategy")), tuple(v.shown for v in group["kpis"]))


def _views(kpis, milestones, today) -> list:
    windows = {f: services.window_for(today, f) for f in ("monthly", "quarterly")}
    figures: dict = {}
    rows = Measurement.objects.filter(
        services.in_window(today), kpi_id__in=[k.pk for k in kpis]
    ).order_by("period")
    for kpi_id, *figure in rows.values_list("kpi_id", "period", "value", "note"):
        figures.setdefault(kpi_id, []).append(services.Figure(*figure))
    return [
        services.kpi_view(k, figures.get(k.pk, []), milestones.get(k.pk, {}), windows[k.frequency])
        for k in kpis
    ]
