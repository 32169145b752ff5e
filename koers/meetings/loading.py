"""Fetch everything an agenda needs in a fixed number of queries, whatever the plan's size."""

from datetime import timedelta

from django.db.models import OuterRef, Q, Subquery

from koers.actions.models import Action, ActionUpdate, StrategyUpdate
from koers.actions.queries import latest
from koers.analysis.agenda import AnalysisInputs, session_inputs
from koers.meetings.agenda import AgendaData
from koers.meetings.models import EvaluationItem, Kind, Session

# What a page reads of the plan; each leaves out what it does not show.
AGENDA = "agenda"  # the agenda and session mode: everything the items show
PREREAD = "preread"  # every update, without what only orders the agenda (KPIs, last evaluation)
OUTLINE = "outline"  # only what names the items and the period: the minutes, the follow-up draft


def previous_steering_start():
    """When the steering session before a session started (None for the first one): an
    annotation, so a session and the period it looks back on are fetched together."""
    return Subquery(
        Session.objects.filter(
            plan=OuterRef("plan"), kind=Kind.STEERING, starts_at__lt=OuterRef("starts_at")
        )
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )


def look_back_start(session):
    """A steering session looks back on the period since the previous one; the first, a quarter."""
    if hasattr(session, "previous_steering_at"):  # fetched by get_session_for
        previous = session.previous_steering_at
    else:
        previous = (
            Session.objects.filter(pk=session.pk)
            .values_list(previous_steering_start(), flat=True)
            .get()
        )
    return previous or session.starts_at - timedelta(days=92)


def plan_actions(plan, with_latest_update: bool = True) -> list:
    """The plan's actions in plan order, each with `.latest_update` (None when not asked for)."""
    actions = list(
        Action.objects.filter(strategy__plan=plan, archived_at__isnull=True)
        .select_related("owner", "strategy")
        .annotate(latest_update_id=latest(ActionUpdate, "action"))
        .order_by("strategy__position", "position", "pk")
    )
    ids = [a.latest_update_id for a in actions if with_latest_update and a.latest_update_id]
    updates = ActionUpdate.objects.select_related("author", "need_from").in_bulk(ids)
    for action in actions:
        action.latest_update = updates.get(action.latest_update_id)
    return actions


def plan_strategies(plan, with_latest_update: bool = True) -> tuple[list, dict]:
    """The plan's strategies, and strategy id -> its latest StrategyUpdate (when asked for)."""
    strategies = list(
        plan.strategies.select_related("owner").annotate(
            latest_update_id=latest(StrategyUpdate, "strategy")
        )
    )
    ids = [s.latest_update_id for s in strategies if with_latest_update and s.latest_update_id]
    updates = StrategyUpdate.objects.select_related("author").in_bulk(ids)  # no ids, no query
    return strategies, {u.strategy_id: u for u in updates.values()}


def open_evaluation(session) -> list:
    """Start/keep/stop items of earlier sessions still to review, and those reviewed in this one."""
    return list(
        EvaluationItem.objects.filter(
            session__plan=session.plan, session__starts_at__lt=session.starts_at
        )
        .filter(Q(review=EvaluationItem.Review.OPEN) | Q(reviewed_in=session))
        .select_related("session")
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


def load_agenda_data(session, purpose: str = AGENDA) -> AgendaData:
    """What a session page needs of the plan, for `purpose` (AGENDA, PREREAD or OUTLINE).

    Cheapest with the session as get_session_for returns it: its plan and look-back come along.
    """
    plan, kind = session.plan, session.kind
    since = look_back_start(session)
    agenda, outline = purpose == AGENDA, purpose == OUTLINE
    # Strategy updates are on the steering and plan agendas and in every pre-read; the update
    # session's agenda is about the actions only.
    strategies, strategy_updates = plan_strategies(
        plan, with_latest_update=purpose == PREREAD or (agenda and kind != Kind.UPDATE)
    )
    around = (
        session_inputs(plan.workspace_id, since, with_swot=kind == Kind.PLAN and not outline)
        if kind in (Kind.STEERING, Kind.PLAN)
        else AnalysisInputs()
    )
    return AgendaData(
        kind=kind,
        strategies=strategies,
        actions=plan_actions(plan, with_latest_update=not outline),
        strategy_updates=strategy_updates,
        since=since,
        open_evaluation=open_evaluation(session) if agenda and kind == Kind.STEERING else [],
        kpi_status=kpi_status_per_strategy(plan) if agenda and kind == Kind.PLAN else {},
        analysis=around.swot,
        signals=around.signals,
        scenario_sets=around.scenario_sets,
    )
