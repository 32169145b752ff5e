"""Fetch everything an agenda needs in a fixed number of queries, whatever the plan's size."""

from datetime import timedelta

from django.db.models import Exists, FilteredRelation, OuterRef, Q, Subquery
from django.utils import timezone

from koers.accounts.models import Workspace
from koers.actions.models import Action, ActionUpdate, StrategyUpdate
from koers.actions.queries import latest
from koers.analysis.agenda import (
    AnalysisInputs,
    new_signals,
    outline_checks,
    scenario_sets,
    session_inputs,
    stand_ins,
    swot_items,
)
from koers.dashboard.latest import statuses as kpi_statuses
from koers.dashboard.models import Kpi
from koers.dashboard.status import roll_up
from koers.meetings.agenda import AgendaData
from koers.meetings.models import EvaluationItem, Kind, Session

# What a page reads of the plan; each leaves out what it does not show.
AGENDA = "agenda"  # the agenda: everything the items show
PREREAD = "preread"  # every update, without what only orders the agenda (KPIs, last evaluation)
OUTLINE = "outline"  # only what names the items: the minutes title their notes with it
# Session mode: what the agenda's navigation and its current item show; the entries of the
# analysis and evaluation items (one item's at a time) come with `load_entries`.
RUN = "run"

# What the analysis items show, by the item's kind: (workspace id, look-back start) -> entries.
ENTRIES = {
    "analysis": lambda workspace_id, since: swot_items(workspace_id),
    "signals": new_signals,
    "scenarios": lambda workspace_id, since: scenario_sets(workspace_id),
}


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


def _latest_update(model, parent_field: str) -> FilteredRelation:
    """Each row's latest update as a join, so that select_related brings it, with its people, in
    the row's own query. The join sets the attribute only on rows that have an update."""
    return FilteredRelation("updates", condition=Q(updates__pk=latest(model, parent_field)))


def plan_actions(plan, with_latest_update: bool = True) -> list:
    """The plan's actions in plan order, each with `.latest_update` (None when not asked for)."""
    actions = (
        Action.objects.filter(strategy__plan=plan, archived_at__isnull=True)
        .select_related("owner", "pending_owner", "strategy")
        .order_by("strategy__position", "position", "pk")
    )
    if with_latest_update:
        actions = actions.annotate(latest=_latest_update(ActionUpdate, "action")).select_related(
            "latest__author", "latest__need_from"
        )
    actions = list(actions)
    for action in actions:
        action.latest_update = getattr(action, "latest", None)
    return actions


def plan_strategies(plan, with_latest_update: bool = True) -> tuple[list, dict]:
    """The plan's strategies, and strategy id -> its latest StrategyUpdate (when asked for)."""
    strategies = plan.strategies.select_related("owner", "pending_owner")
    if with_latest_update:
        strategies = strategies.annotate(
            latest=_latest_update(StrategyUpdate, "strategy")
        ).select_related("latest__author")
    strategies = list(strategies)
    return strategies, {s.pk: s.latest for s in strategies if hasattr(s, "latest")}


def _earlier_to_review(session) -> Q:
    """Start/keep/stop items of the plan's earlier sessions still to review, and those
    reviewed in this one (they stay on its agenda, marked)."""
    return Q(session__plan=session.plan, session__starts_at__lt=session.starts_at) & (
        Q(review=EvaluationItem.Review.OPEN) | Q(reviewed_in=session)
    )


def evaluation_items(session) -> tuple[list, list]:
    """Start/keep/stop items: those of earlier sessions still to review (and those reviewed in
    this one), and this session's own, which session mode lists. One query reads both."""
    items = list(
        EvaluationItem.objects.filter(
            Q(session=session) | _earlier_to_review(session)
        ).select_related("session")
    )
    return (
        [e for e in items if e.session_id != session.pk],
        [e for e in items if e.session_id == session.pk],
    )


def _outline_of_around(session, since, with_evaluation: bool) -> tuple[AnalysisInputs, list]:
    """Stand-ins for the steering agenda's optional items (new signals, scenario sets, and,
    when asked, the review of earlier start/keep/stop items), from one query of EXISTS."""
    plan = session.plan
    checks = outline_checks(plan.workspace_id, since)
    if with_evaluation:
        checks["has_evaluation"] = Exists(
            EvaluationItem.objects.filter(_earlier_to_review(session))
        )
    found = Workspace.objects.filter(pk=plan.workspace_id).values(**checks).get()
    return stand_ins(found), [EvaluationItem()] if found.get("has_evaluation") else []


def load_entries(item, session) -> list:
    """For session mode: fill in the entries of `item` when it is an analysis or evaluation item
    (left out by `load_agenda_data(session, RUN)`). Returns this session's own start/keep/stop
    items, which the evaluation item lists (empty for other items)."""
    if item is None:
        return []
    if item.kind in ENTRIES:
        item.entries = ENTRIES[item.kind](session.plan.workspace_id, look_back_start(session))
    elif item.kind in ("evaluation", "evaluation_review"):
        earlier, own = evaluation_items(session)
        if item.kind == "evaluation_review":
            item.entries = earlier
        return own
    return []


def kpi_status_per_strategy(plan) -> dict:
    """The plan session looks at the dashboard: each strategy's rolled-up KPI status."""
    per_strategy: dict = {}
    measures = Kpi.objects.filter(plan=plan, measure__isnull=False).select_related("measure")
    for kpi, status in kpi_statuses(measures, timezone.localdate()):
        per_strategy.setdefault(kpi.measure.strategy_id, []).append(status)
    return {strategy: roll_up(statuses) for strategy, statuses in per_strategy.items()}


def load_agenda_data(session, purpose: str = AGENDA) -> AgendaData:
    """What a session page needs of the plan, for `purpose` (AGENDA, PREREAD, OUTLINE or RUN).

    Cheapest with the session as get_session_for returns it: its plan and look-back come along.
    """
    plan, kind = session.plan, session.kind
    since = look_back_start(session)
    agenda = purpose in (AGENDA, RUN)
    names_only = purpose in (OUTLINE, RUN)  # of the analysis tools, RUN fills in one item's
    # Strategy updates are on the steering and plan agendas and in every pre-read; the update
    # session's agenda is about the actions only.
    strategies, strategy_updates = plan_strategies(
        plan, with_latest_update=purpose == PREREAD or (agenda and kind != Kind.UPDATE)
    )
    around, earlier, evaluation = AnalysisInputs(), [], []
    # The plan agenda lists its analysis items whatever there is: nothing to ask there.
    if kind == Kind.STEERING and names_only:
        around, earlier = _outline_of_around(session, since, with_evaluation=purpose == RUN)
    elif kind in (Kind.STEERING, Kind.PLAN) and not names_only:
        around = session_inputs(plan.workspace_id, since, with_swot=kind == Kind.PLAN)
    if purpose == AGENDA and kind == Kind.STEERING:
        earlier, evaluation = evaluation_items(session)
    return AgendaData(
        kind=kind,
        strategies=strategies,
        actions=plan_actions(plan, with_latest_update=purpose != OUTLINE),
        strategy_updates=strategy_updates,
        since=since,
        open_evaluation=earlier,
        evaluation=evaluation,
        kpi_status=kpi_status_per_strategy(plan) if agenda and kind == Kind.PLAN else {},
        analysis=around.swot,
        signals=around.signals,
        scenario_sets=around.scenario_sets,
    )
