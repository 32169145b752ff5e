"""Fetch everything an agenda needs in a fixed number of queries, whatever the plan's size."""

from datetime import timedelta

from django.db.models import Q

from koers.actions.models import Action, ActionUpdate
from koers.actions.queries import latest, latest_strategy_updates
from koers.analysis.agenda import AnalysisInputs, session_inputs
from koers.meetings.agenda import AgendaData
from koers.meetings.models import EvaluationItem, Kind, Session


def open_actions_with_latest_update(plan) -> list:
    actions = list(
        Action.objects.filter(strategy__plan=plan, archived_at__isnull=True)
        .select_related("owner", "strategy")
        .annotate(latest_update_id=latest(ActionUpdate, "action"))
        .order_by("strategy__position", "position", "pk")
    )
    ids = [a.latest_update_id for a in actions if a.latest_update_id]
    updates = ActionUpdate.objects.select_related("author", "need_from").in_bulk(ids)
    for action in actions:
        action.latest_update = updates.get(action.latest_update_id)
    return actions


def previous_steering(session):
    return (
        Session.objects.filter(
            plan_id=session.plan_id, kind=Kind.STEERING, starts_at__lt=session.starts_at
        )
        .order_by("-starts_at")
        .first()
    )


def kpi_status_per_strategy(plan) -> dict:
    """The plan session looks at the dashboard: each strategy's rolled-up KPI status."""
    from django.utils import timezone

    from koers.dashboard.services import plan_kpis
    from koers.dashboard.status import roll_up

    per_strategy: dict = {}
    for view in plan_kpis(plan, timezone.localdate()):
        if view.kpi.measure_id:
            per_strategy.setdefault(view.kpi.measure.strategy_id, []).append(view.status)
    return {strategy: roll_up(statuses) for strategy, statuses in per_strategy.items()}


def load_agenda_data(session) -> AgendaData:
    plan = session.plan
    previous = previous_steering(session)
    since = previous.starts_at if previous else session.starts_at - timedelta(days=92)
    open_evaluation = (
        list(
            EvaluationItem.objects.filter(
                session__plan=plan, session__starts_at__lt=session.starts_at
            )
            .filter(Q(review=EvaluationItem.Review.OPEN) | Q(reviewed_in=session))
            .select_related("session")
        )
        if session.kind == Kind.STEERING
        else []
    )
    around = (
        session_inputs(plan.workspace_id, since, with_swot=session.kind == Kind.PLAN)
        if session.kind in (Kind.STEERING, Kind.PLAN)
        else AnalysisInputs()
    )
    return AgendaData(
        kind=session.kind,
        strategies=list(plan.strategies.select_related("owner")),
        actions=open_actions_with_latest_update(plan),
        strategy_updates=latest_strategy_updates(plan),
        since=since,
        open_evaluation=open_evaluation,
        kpi_status=kpi_status_per_strategy(plan) if session.kind == Kind.PLAN else {},
        analysis=around.swot if session.kind == Kind.PLAN else [],
        signals=around.signals,
        scenario_sets=around.scenario_sets,
    )
