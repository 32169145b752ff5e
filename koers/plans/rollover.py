"""Next year's plan: copy the active OGSM, move the chosen unfinished actions, continue the KPIs,
and archive the old plan (read-only, still viewable and printable)."""

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from koers.plans.models import Goal, Measure, Plan, Strategy

KPI_FIELDS = ["unit", "direction", "range_min", "range_max", "frequency", "tolerance_pct"]


def unfinished_actions(plan: Plan):
    action = apps.get_model("actions", "Action")
    return (
        # Actions of a retired strategy stay with it (readable in the old plan): the new plan has
        # no copy of that strategy to carry them. Not the open rule (actions.queries.open_q):
        # a proposal not yet accepted or rejected is unfinished too, and may move along.
        action.objects.filter(
            strategy__plan=plan, strategy__retired_at__isnull=True, archived_at__isnull=True
        )
        .exclude(status="done")
        .select_related("strategy")
        .order_by("strategy__position", "position", "pk")
    )


@transaction.atomic
def roll_over(plan: Plan, to_period: str, *, start_date, end_date, keep=(), by=None) -> Plan:
    """Plan `to_period` from `plan`'s active version. `keep`: ids of unfinished actions that
    move along (the same rows, so their updates and history come with them)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.archived_at is not None:
        raise ValueError("an archived plan cannot be rolled over again")
    new = Plan.objects.create(
        workspace=plan.workspace,
        name=plan.name.replace(plan.period, to_period) if plan.period else plan.name,
        period=to_period,
        start_date=start_date,
        end_date=end_date,
        description=plan.description,
        objective=plan.objective,
    )
    copies: dict = {}
    for goal in plan.goals.all():
        copies[goal] = Goal.objects.create(
            plan=new,
            **{f: getattr(goal, f) for f in ["title", "measured_by", "target_value"]},
            target_unit=goal.target_unit,
            target_date=None,
            position=goal.position,
        )
    strategy_copies = {}
    for strategy in plan.strategies.prefetch_related("measures"):
        copy = Strategy.objects.create(
            plan=new,
            title=strategy.title,
            description=strategy.description,
            owner=strategy.owner,
            position=strategy.position,
        )
        strategy_copies[strategy.pk] = copy
        for measure in strategy.measures.all():
            copies[measure] = Measure.objects.create(
                strategy=copy,
                name=measure.name,
                unit=measure.unit,
                target=measure.target,
                direction=measure.direction,
                position=measure.position,
            )
    for action in unfinished_actions(plan).filter(pk__in=list(keep)):
        action.strategy = strategy_copies[action.strategy_id]
        action.save(update_fields=["strategy"])
    _continue_kpis(plan, new, copies)
    plan.archived_at = timezone.now()
    plan.save(update_fields=["archived_at", "updated_at"])
    return new


def _continue_kpis(old: Plan, new: Plan, copies: dict) -> None:
    """Each KPI goes on in the new plan from where it stands: its last figure is the baseline.

    The copies got a KPI of their own when they were created (koers.dashboard.signals); it takes
    over the old KPI's settings."""
    kpi_model = apps.get_model("dashboard", "Kpi")
    made = {(k.goal_id, k.measure_id): k for k in kpi_model.objects.filter(plan=new)}
    for kpi in kpi_model.objects.filter(plan=old).select_related("goal", "measure"):
        item = kpi.goal if kpi.goal_id else kpi.measure
        if item not in copies:
            continue
        last = kpi.measurements.order_by("-period").first()
        goal = copies[item] if kpi.goal_id else None
        measure = copies[item] if kpi.measure_id else None
        successor = made.get((getattr(goal, "pk", None), getattr(measure, "pk", None)))
        if successor is None:
            successor = kpi_model(plan=new, goal=goal, measure=measure)
        for field in KPI_FIELDS:
            setattr(successor, field, getattr(kpi, field))
        successor.baseline_value = last.value if last else kpi.baseline_value
        successor.baseline_date = last.period if last else kpi.baseline_date
        successor.target_value = kpi.target_value
        successor.owner = kpi.owner
        successor.save()
