"""Dashboard services: KPIs for every goal and measure, the figures of a plan, entering them."""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from koers.actions.queries import latest_strategy_colour
from koers.dashboard import fed, targets
from koers.dashboard import status as rules
from koers.dashboard.models import Direction, Frequency, Kpi, KpiTarget, Measurement
from koers.lib.versioning import StaleEdit, save_versioned
from koers.plans.models import Goal, Measure, Plan
from koers.plans.rules import touch_plan

HISTORY_PERIODS = 24


def kpi_for_goal(goal, plan) -> Kpi:
    """The KPI every goal is, from its target (unsaved)."""
    return Kpi(
        plan=plan,
        goal=goal,
        unit=goal.target_unit,
        target_value=goal.target_value,
        target_date=goal.target_date or plan.end_date,
    )


def kpi_for_measure(measure, plan) -> Kpi:
    """The KPI every strategy measure is, from its target (unsaved)."""
    return Kpi(
        plan=plan,
        measure=measure,
        unit=measure.unit,
        target_value=measure.target,
        target_date=plan.end_date,
        direction=Direction.LOWER if measure.direction == "lower" else Direction.HIGHER,
    )


def add_kpi(item) -> None:
    """Make the KPI of a goal or measure just created (koers.dashboard.signals): reading a page
    never writes, so the KPI exists before any page shows the item."""
    if isinstance(item, Goal):
        kpi = kpi_for_goal(item, item.plan)
    else:
        kpi = kpi_for_measure(item, item.strategy.plan)
    # As `_create_missing_kpis`: an automatic KPI is no change of anyone's (no history row).
    Kpi.objects.bulk_create([kpi])
    touch_plan(kpi.plan_id)


def ensure_kpis(plan) -> None:
    """Every goal and strategy measure is a KPI; create the missing ones from their targets.

    Goals and measures get their KPI when they are created (`add_kpi`); only code that creates
    them with `bulk_create` (the demo, the bench), which sends no signals, calls this after.
    """
    if _lacks_kpis(plan):
        _create_missing_kpis(plan)


def _lacks_kpis(plan) -> bool:
    return (
        Plan.objects.filter(pk=plan.pk)
        .filter(
            Exists(Goal.objects.filter(plan=OuterRef("pk"), kpi__isnull=True))
            | Exists(Measure.objects.filter(strategy__plan=OuterRef("pk"), kpi__isnull=True))
        )
        .exists()
    )


@transaction.atomic
def _create_missing_kpis(plan) -> None:
    goals = plan.goals.filter(kpi__isnull=True)
    measures = Measure.objects.filter(strategy__plan=plan, kpi__isnull=True)
    new = [kpi_for_goal(g, plan) for g in goals] + [kpi_for_measure(m, plan) for m in measures]
    if new:
        Kpi.objects.bulk_create(new)
        # bulk_create sends no signals; other pages cached at this revision lack the new KPIs.
        touch_plan(plan.pk)


@dataclass
class KpiView:
    kpi: Kpi
    periods: list
    values: list  # actual per period, None where missing
    target_values: list
    latest_period: date | None = None
    latest: float | None = None
    target: float | None = None
    status: str = rules.UNKNOWN
    trend: int = 0
    notes: dict = field(default_factory=dict)


def kpi_view(kpi, measurements, milestones, window) -> KpiView:
    by_period = {m.period: m for m in measurements}
    values = [float(by_period[p].value) if p in by_period else None for p in window]
    target_values = [
        targets.target_for(
            p,
            kpi.frequency,
            milestones,
            kpi.baseline_date,
            kpi.baseline_value,
            kpi.target_date,
            kpi.target_value,
        )
        for p in window
    ]
    view = KpiView(
        kpi=kpi,
        periods=window,
        values=values,
        target_values=target_values,
        notes={m.period: m.note for m in measurements if m.note},
    )
    known = [i for i, v in enumerate(values) if v is not None]
    if known:
        last = known[-1]
        view.latest_period, view.latest, view.target = (
            window[last],
            values[last],
            target_values[last],
        )
        view.status = rules.kpi_status(
            view.latest, view.target, kpi.direction, kpi.tolerance_pct, kpi.range_min, kpi.range_max
        )
        view.trend = rules.trend(values)
    return view


def window_for(today: date, frequency: str, length: int = HISTORY_PERIODS) -> list[date]:
    end = targets.period_start(today, frequency)
    window = [end]
    while len(window) < length:
        month = window[0].month - (1 if frequency == "monthly" else 3)
        year = window[0].year + (month - 1) // 12
        window.insert(0, date(year, (month - 1) % 12 + 1, 1))
    return window


class Figure(NamedTuple):
    """A measurement as the dashboard reads it: a few values rather than a model instance,
    of which a dashboard of 300 KPIs would build thousands."""

    period: date
    value: Decimal
    note: str


def in_window(today: date) -> Q:
    """The figures the dashboard shows: each KPI's last periods up to the current one.

    The periods listed one by one (`window_for`), which is the same set as "the first day of a
    month (of a quarter) between the window's ends": the database finds them on the
    (kpi, period) index instead of applying date functions to every figure of the KPI (half
    the time of `latest.status_rows`), and the SQL is the same on every database."""
    return Q(kpi__frequency=Frequency.MONTHLY, period__in=window_for(today, Frequency.MONTHLY)) | Q(
        kpi__frequency=Frequency.QUARTERLY, period__in=window_for(today, Frequency.QUARTERLY)
    )


def kpi_views(kpis, today: date) -> list[KpiView]:
    """The given KPIs with their last two years of figures, in three queries."""
    kpis = list(kpis.select_related("goal", "measure__strategy", "owner"))
    windows = {f: window_for(today, f) for f in ("monthly", "quarterly")}
    ids = [k.pk for k in kpis]
    measurements, milestones = {}, {}
    figures = Measurement.objects.filter(in_window(today), kpi_id__in=ids).order_by("period")
    for kpi_id, *figure in figures.values_list("kpi_id", "period", "value", "note"):
        measurements.setdefault(kpi_id, []).append(Figure(*figure))
    for t in KpiTarget.objects.filter(kpi_id__in=ids):
        milestones.setdefault(t.kpi_id, {})[t.period] = t.value
    return [
        kpi_view(k, measurements.get(k.pk, []), milestones.get(k.pk, {}), windows[k.frequency])
        for k in kpis
    ]


def one_kpi_view(kpi, measurements, milestones, today: date) -> KpiView:
    """One KPI's view from figures and milestones the caller has already loaded."""
    measurements = sorted(measurements, key=lambda m: m.period)  # notes in time order
    milestones = {t.period: t.value for t in milestones}
    return kpi_view(kpi, measurements, milestones, window_for(today, kpi.frequency))


def in_plan_order(plan):
    return Kpi.objects.filter(plan=plan).order_by(
        "goal__position", "measure__strategy__position", "measure__position", "pk"
    )


def behind_first(groups):
    return sorted(groups, key=lambda g: (rules.SEVERITY[g["status"]], g["position"]))


def dashboard_kpis(plan):
    """The plan's KPIs as the dashboard reads them: in plan order, each with its strategy's
    declared colour (`declared`), which saves the page a query."""
    return in_plan_order(plan).annotate(declared=latest_strategy_colour("measure__strategy"))


def dashboard(plan, today: date, views_of=kpi_views) -> dict:
    """The plan's KPI views grouped by goal and strategy (`grouped`); `views_of(kpis, today)`
    makes the views (the dashboard page keeps them between renders: `kept.dashboard`)."""
    return grouped(views_of(dashboard_kpis(plan), today))


def grouped(views) -> dict:
    """The views of `dashboard_kpis` grouped by goal and by strategy, behind first."""
    goals = [
        {
            "title": v.kpi.goal.title,
            "kpis": [v],
            "status": v.status,
            "position": v.kpi.goal.position,
        }
        for v in views
        if v.kpi.goal_id
    ]
    strategies: dict = {}
    for v in views:
        if v.kpi.measure_id:
            s = v.kpi.measure.strategy
            group = strategies.setdefault(
                s.pk,
                {
                    "title": s.title,
                    "strategy": s,
                    "kpis": [],
                    "position": s.position,
                    "declared": v.kpi.declared or "",
                },
            )
            group["kpis"].append(v)
    for group in strategies.values():
        group["status"] = rules.roll_up(k.status for k in group["kpis"])
    return {"goals": goals, "strategies": behind_first(strategies.values()), "views": views}


@transaction.atomic
def save_period(plan, period: date, values: dict, by) -> int:
    """Write a period's figures for many KPIs at once; an empty value removes the figure.
    KPIs filled from the plans below are left out (their figures are rolled up, `fed`); the
    KPIs the written ones feed are rolled up in the same transaction (fed.RollUpRefused)."""
    fed_kpis = fed.source_plans(list(values))
    values = {k: v for k, v in values.items() if k not in fed_kpis}
    kpis = {k.pk: k for k in Kpi.objects.filter(plan=plan, pk__in=values)}
    existing = {m.kpi_id: m for m in Measurement.objects.filter(kpi__in=kpis, period=period)}
    changed = 0
    for kpi_id, value in values.items():
        current = existing.get(kpi_id)
        if value is None:
            if current:
                current.delete()
                changed += 1
            continue
        if current is None:
            Measurement.objects.create(kpi=kpis[kpi_id], period=period, value=value, entered_by=by)
            changed += 1
        elif current.value != value:
            current.value, current.entered_by = value, by
            # A figure rolled up while the KPI was fed is by hand from now on.
            current.sources_present = current.sources_total = None
            current.version += 1
            fields = [*fed.ROLLED_UP_FIELDS, "entered_by", "entered_at", "version"]
            current.save(update_fields=fields)
            changed += 1
    if changed:
        fed.figures_changed(kpis)
    return changed


@transaction.atomic
def save_kpi_settings(kpi, fields, loaded_version: int) -> None:
    """Save a KPI's settings (versioned); its unit, direction or frequency decide which
    sources may feed it and which KPIs it may feed, so its roll-ups are brought up to date."""
    save_versioned(kpi, fields, loaded_version)
    fed.settings_changed(kpi)


@transaction.atomic
def correct_figure(figure, fields, loaded_version: int) -> None:
    """Save a corrected figure (versioned) and roll up what it feeds; fed.RollUpRefused for a
    figure of a fed KPI, which is rolled up and never corrected by hand."""
    names = fed.source_plans([figure.kpi_id]).get(figure.kpi_id)
    if names is not None:
        raise fed.RollUpRefused([fed.by_hand_refusal(names)])
    figure.sources_present = figure.sources_total = None  # corrected by hand: by hand now
    save_versioned(figure, [*fields, "sources_present", "sources_total"], loaded_version)
    fed.figures_changed([figure.kpi_id])


@transaction.atomic
def set_milestone(kpi, period: date, value) -> None:
    """A target for one period; periods without one follow the line to the end target."""
    period = targets.period_start(period, kpi.frequency)
    KpiTarget.objects.update_or_create(kpi=kpi, period=period, defaults={"value": value})


def milestones_seen(milestones) -> str:
    """What a form saw of a KPI's milestones, to send back with a change: KpiTarget rows have
    no version of their own, so the set of periods and values stands in for one."""
    text = ";".join(f"{t.period:%Y-%m}={t.value.normalize():f}" for t in milestones)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@transaction.atomic
def change_milestone(kpi, period: date, value, seen: str):
    """Set (or, with `value` None, remove) the milestone for `period`, if the KPI's milestones
    are still those the editor saw (`milestones_seen`), else StaleEdit. Returns the period (its
    first day) and the value it had (None)."""
    Kpi.objects.select_for_update().filter(pk=kpi.pk).first()  # one change of a KPI at a time
    current = list(KpiTarget.objects.filter(kpi=kpi).order_by("period"))
    if milestones_seen(current) != seen:
        raise StaleEdit
    period = targets.period_start(period, kpi.frequency)
    before = next((t.value for t in current if t.period == period), None)
    if value is None:
        KpiTarget.objects.filter(kpi=kpi, period=period).delete()
    else:
        set_milestone(kpi, period, value)
    return period, before


def remove_milestone(kpi, milestone_id: int) -> bool:
    """Remove one milestone of this KPI; False when there is none with that id."""
    deleted, _ = KpiTarget.objects.filter(kpi=kpi, pk=milestone_id).delete()
    return bool(deleted)
