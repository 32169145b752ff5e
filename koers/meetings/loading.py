"""Fetch everything an agenda needs in a fixed number of queries, whatever the plan's size."""

from datetime import timedelta

from django.db.models import Case, Exists, FilteredRelation, OuterRef, Q, Subquery, When
from django.utils import timezone

from koers.accounts.models import Workspace
from koers.actions.models import Action, ActionUpdate, Status, StrategyUpdate
from koers.actions.queries import latest, open_q
from koers.analysis.agenda import (
    AnalysisInputs,
    canvas_shift,
    new_signals,
    outline_checks,
    scenario_sets,
    session_inputs,
    shift_checks,
    stand_ins,
    swot_items,
    trend_changes,
)
from koers.charts import sparkline
from koers.dashboard import portfolio
from koers.dashboard.latest import statuses as kpi_statuses
from koers.dashboard.latest import target_of
from koers.dashboard.models import Kpi, Measurement
from koers.dashboard.services import in_window, window_for
from koers.dashboard.status import roll_up
from koers.lib.keptrows import Rows
from koers.meetings import remedies
from koers.meetings import shifts as trend_shifts
from koers.meetings.agenda import AgendaData
from koers.meetings.agenda.items import shows_its_update
from koers.meetings.kept import KeptAction, actions_of
from koers.meetings.kinds import ItemKind
from koers.meetings.models import EvaluationItem, Kind, Session
from koers.meetings.year import YEAR_PARTS, year_in_view
from koers.plans.models import Plan, Strategy

# What a page reads of the plan; each leaves out what it does not show.
AGENDA = "agenda"  # the agenda: everything the items show
PREREAD = "preread"  # every update, without what only orders the agenda (KPIs, last evaluation)
OUTLINE = "outline"  # only what names the items: the minutes title their notes with it
# Session mode: what the agenda's navigation and its current item show; the entries of the
# analysis and evaluation items (one item's at a time) come with `load_entries`.
RUN = "run"

# What the analysis items show, by the item's kind: (workspace id, look-back start) -> entries.
ENTRIES = {
    ItemKind.ANALYSIS: lambda workspace_id, since: swot_items(workspace_id),
    ItemKind.SIGNALS: new_signals,
    ItemKind.SCENARIOS: lambda workspace_id, since: scenario_sets(workspace_id),
    ItemKind.CANVAS_SHIFT: lambda workspace_id, since: [canvas_shift(workspace_id, since)],
    ItemKind.TREND_SCORES: trend_changes,
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


def _latest_update(model, parent_field: str, of=None) -> FilteredRelation:
    """Each row's latest update as a join, so that select_related brings it, with its people, in
    the row's own query. The join sets the attribute only on rows that have an update (and,
    given `of`, a Q on the row, only on those rows: the others' updates are not built)."""
    found = latest(model, parent_field)
    if of is not None:
        found = Case(When(of, then=found))
    return FilteredRelation("updates", condition=Q(updates__pk=found))


def plan_actions(
    plan,
    with_latest_update: bool = True,
    agreed_before=None,
    *,
    only=None,
    strategies=None,
    updates_of=None,
) -> list:
    """The plan's actions in plan order, each with `.latest_update` (None when not asked for,
    or, given `updates_of` (a Q), for the actions outside it) and, given a session as
    `agreed_before`, `.last_agreed`: what an earlier session agreed about it
    (meetings/remedies.py), read in the same query.

    `only` (a Q) leaves out the actions a page does not show; given every strategy of the plan
    (`strategies`: id -> Strategy, retired ones too), each action gets its strategy from there
    instead of a copy of its own in every row (fewer objects to build)."""
    return actions_of(
        action_rows(plan, with_latest_update, agreed_before, only, updates_of, bool(strategies)),
        strategies,
    )


def action_rows(plan, with_latest_update, agreed_before, only, updates_of, apart) -> Rows:
    """The rows `plan_actions` makes its actions of (`apart`: without their strategies), read
    with a query compiled once per process for these arguments (`Rows.of`)."""
    return Rows.of(
        _actions_query,
        plan_id=plan.pk,
        with_latest_update=with_latest_update,
        agreed_before=(agreed_before.plan_id, agreed_before.starts_at) if agreed_before else None,
        only=only,
        updates_of=updates_of,
        apart=apart,
    )


def _actions_query(plan_id, with_latest_update, agreed_before, only, updates_of, apart):
    actions = Action.objects.filter(strategy__plan_id=plan_id, archived_at__isnull=True)
    if only is not None:
        actions = actions.filter(only)
    if apart:
        # Sorted below: ordering in SQL made Django hash each of the hundred selected columns
        # (compiler._order_by_pairs), a tenth of this function's time.
        actions = actions.select_related("owner", "pending_owner", "proposed_by").order_by()
    else:
        actions = actions.select_related(
            "owner", "pending_owner", "proposed_by", "strategy"
        ).order_by("strategy__position", "position", "pk")
    if with_latest_update:
        relation = _latest_update(ActionUpdate, "action", updates_of)
        actions = actions.annotate(latest=relation).select_related(
            "latest__author", "latest__need_from"
        )
    if agreed_before is not None:
        plan_id, starts_at = agreed_before
        before = Session(plan_id=plan_id, starts_at=starts_at)
        actions = actions.annotate(**remedies.last_agreed_columns(before))
    return actions


def plan_strategies(plan, with_latest_update: bool = True) -> tuple[list, dict, dict]:
    """The plan's strategies, strategy id -> its latest StrategyUpdate (when asked for), and
    strategy id -> Strategy for every strategy of the plan, retired ones too (their actions
    still point at them: `plan_actions`). Each says too whether plans serve this plan
    (`has_child_plans`), so sessions of a plan without any pay no query for its "Child plans"
    item."""
    strategies = Rows.of(
        _strategies_query, plan_id=plan.pk, with_latest_update=with_latest_update
    ).objects
    # Sorted here rather than in SQL, as the actions are (plan_actions).
    every = sorted(strategies, key=lambda s: (s.position, s.pk))
    live = [s for s in every if s.retired_at is None]
    updates = {s.pk: s.latest for s in live if hasattr(s, "latest")}
    return live, updates, {s.pk: s for s in every}


def _strategies_query(plan_id, with_latest_update):
    strategies = (
        Strategy.all_objects.filter(plan_id=plan_id)
        .select_related("owner", "pending_owner")
        .annotate(has_child_plans=portfolio.has_child_plans(Plan(pk=plan_id)))
        .order_by()
    )
    if with_latest_update:
        strategies = strategies.annotate(
            latest=_latest_update(StrategyUpdate, "strategy")
        ).select_related("latest__author")
    return strategies


def _earlier_to_review(session) -> Q:
    """Start/keep/stop items of the plan's earlier sessions still to review, and those
    reviewed in this one (they stay on its agenda, marked)."""
    return Q(session__plan_id=session.plan_id, session__starts_at__lt=session.starts_at) & (
        Q(review=EvaluationItem.Review.OPEN) | Q(reviewed_in_id=session.pk)
    )


def evaluation_items(session) -> tuple[list, list]:
    """Start/keep/stop items: those of earlier sessions still to review (and those reviewed in
    this one), and this session's own, which session mode lists. One query reads both."""
    items = Rows.of(
        _evaluation_query,
        session_id=session.pk,
        plan_id=session.plan_id,
        starts_at=session.starts_at,
    ).objects
    return (
        [e for e in items if e.session_id != session.pk],
        [e for e in items if e.session_id == session.pk],
    )


def _evaluation_query(session_id, plan_id, starts_at):
    session = Session(pk=session_id, plan_id=plan_id, starts_at=starts_at)
    return EvaluationItem.objects.filter(
        Q(session_id=session_id) | _earlier_to_review(session)
    ).select_related("session")


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
    if item.kind in (ItemKind.DASHBOARD, ItemKind.DASHBOARD_GOALS):
        kpi_charts(item.kpis)
    if item.kind in YEAR_PARTS:  # the plan session's year in view: this item's part only
        item.entries = [year_in_view(session, parts=[YEAR_PARTS[item.kind]])]
    elif item.kind in ENTRIES:
        item.entries = ENTRIES[item.kind](session.plan.workspace_id, look_back_start(session))
    elif item.kind == ItemKind.CHILD_PLANS:
        item.entries = portfolio.child_plans_of(session.plan, timezone.localdate())
    elif item.kind in (ItemKind.EVALUATION, ItemKind.EVALUATION_REVIEW):
        earlier, own = evaluation_items(session)
        if item.kind == ItemKind.EVALUATION_REVIEW:
            item.entries = earlier
        return own
    return []


def plan_kpis(plan) -> list:
    """The plan session looks at the dashboard: every KPI of the goals and the measures, each
    with its latest figure, that period's target and `.status`, in one query."""
    kpis = Kpi.objects.filter(plan=plan).select_related("goal", "measure")
    kpis = kpis.order_by("goal__position", "measure__position", "pk")
    out = []
    for kpi, status in kpi_statuses(kpis, timezone.localdate()):
        kpi.status, kpi.period_target = status, target_of(kpi)
        out.append(kpi)
    return out


def kpi_status_per_strategy(kpis) -> dict:
    """Each strategy's rolled-up KPI status, from `plan_kpis`."""
    per_strategy: dict = {}
    for kpi in kpis:
        if kpi.measure_id:
            per_strategy.setdefault(kpi.measure.strategy_id, []).append(kpi.status)
    return {strategy: roll_up(statuses) for strategy, statuses in per_strategy.items()}


def kpi_charts(kpis) -> None:
    """Session mode, the dashboard item on screen: each KPI's last twelve figures as a small
    chart (`.spark`) against the target of its latest period. One query."""
    if not kpis:
        return
    today = timezone.localdate()
    figures: dict = {}
    rows = Measurement.objects.filter(in_window(today), kpi_id__in=[k.pk for k in kpis])
    for kpi_id, period, value in rows.order_by("period").values_list("kpi_id", "period", "value"):
        figures.setdefault(kpi_id, {})[period] = float(value)
    for kpi in kpis:
        window = window_for(today, kpi.frequency)[-12:]
        values = [figures.get(kpi.pk, {}).get(p) for p in window]
        kpi.spark = sparkline(values, target=kpi.period_target, title=kpi.name)


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
    strategies, strategy_updates, every_strategy = plan_strategies(
        plan, with_latest_update=purpose == PREREAD or (agenda and kind != Kind.UPDATE)
    )
    around, earlier, evaluation = AnalysisInputs(), [], []
    # The plan agenda lists its analysis items whatever there is: nothing to ask there.
    if kind == Kind.STEERING and names_only:
        around, earlier = _outline_of_around(session, since, with_evaluation=purpose == RUN)
    elif kind == Kind.STEERING and not names_only:
        # The agenda page names the business model's and the trends' shifts (one query of
        # EXISTS, within its budget); the pre-read and session mode show them.
        full = purpose == PREREAD
        around = session_inputs(plan.workspace_id, since, with_swot=False, with_shifts=False)
        if full:  # the rescored trends read raw, built only for blocks not kept (shifts.py)
            around.canvas_shift = canvas_shift(plan.workspace_id, since)
            around.trend_changes = trend_shifts.trend_changes(plan.workspace_id, since)
        else:
            shifts = stand_ins(
                {"has_signals": False, "has_scenario_sets": False}
                | Workspace.objects.filter(pk=plan.workspace_id)
                .values(**shift_checks(plan.workspace_id, since))
                .get()
            )
            around.canvas_shift, around.trend_changes = shifts.canvas_shift, shifts.trend_changes
    elif kind == Kind.PLAN and not names_only:
        # The plan session's signals and scenarios are in its year in view (meetings/year.py).
        around = AnalysisInputs(swot=swot_items(plan.workspace_id))
    if purpose == AGENDA and kind == Kind.STEERING:
        earlier, evaluation = evaluation_items(session)
    kpis = plan_kpis(plan) if agenda and kind == Kind.PLAN else []
    # The pre-read shows no child plans: only the agenda and session mode have their item.
    children = [] if purpose == PREREAD else child_plans(plan, kind, strategies, not names_only)
    rows = action_rows(
        plan,
        with_latest_update=purpose != OUTLINE,
        # Beside each action on the agenda and the pre-read; session mode reads it for the
        # item on screen only (remedies.notes_and_last_agreed).
        agreed_before=session if purpose in (AGENDA, PREREAD) else None,
        only=_shown_actions(purpose, since),
        # Only the action items show an update, but for the update session's intros ("no
        # updates yet") and the pre-read.
        updates_of=shows_its_update() if agenda and kind != Kind.UPDATE else None,
        apart=True,
    )
    return AgendaData(
        kind=kind,
        strategies=strategies,
        # The pre-read keeps each action's block under its raw row (meetings/kept.py).
        actions=KeptAction.every(rows, every_strategy)
        if purpose == PREREAD
        else actions_of(rows, every_strategy),
        strategy_updates=strategy_updates,
        since=since,
        open_evaluation=earlier,
        evaluation=evaluation,
        kpi_status=kpi_status_per_strategy(kpis),
        kpis=kpis,
        today=timezone.localdate(),
        analysis=around.swot,
        signals=around.signals,
        scenario_sets=around.scenario_sets,
        canvas_shift=around.canvas_shift,
        trend_changes=around.trend_changes,
        child_plans=children,
    )


def _shown_actions(purpose: str, since):
    """Which actions a page shows (a Q for `plan_actions`; None: all). The pre-read shows the
    open ones; the agendas (the page, session mode) show no done action but those finished in
    the period looked back on (the steering agenda's results: agenda/steering.py), and none of
    a retired strategy. The outline (the minutes) names every action's notes, so it reads them
    all."""
    if purpose == PREREAD:
        return open_q()
    if purpose in (AGENDA, RUN):
        # An action of a retired strategy left the live plan with it (actions.queries.open_q).
        live = Q(strategy__retired_at__isnull=True)
        return live & (~Q(status=Status.DONE) | Q(closed_at__gte=since))
    return None


def child_plans(plan, kind, strategies, full: bool) -> list:
    """The "Child plans" item's entries, on steering and plan sessions of a plan that plans
    serve. Without `full` (the outline, session mode) only whether there are any:
    `load_entries` reads them for the item on screen. Whether there are any comes with the
    strategies' query; a plan without strategies (whose goals may still be served) asks once."""
    if kind not in (Kind.STEERING, Kind.PLAN):
        return []
    if strategies and not any(s.has_child_plans for s in strategies):
        return []
    if full:
        return portfolio.child_plans_of(plan, timezone.localdate())  # one query when none
    if not strategies and not portfolio.child_plans(plan):
        return []
    return [None]
