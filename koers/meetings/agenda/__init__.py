"""Generate a session's agenda from the plan's data, following METHOD.md's agendas in order.

`build_agenda` is a pure function: it takes plain data (`AgendaData`) and returns sections of
items; `load_agenda_data` (in loading.py) fetches that data in a fixed number of queries. The same
structure feeds the agenda page, session mode, the pre-read and the PDFs.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from koers.actions.models import (
    COLOUR_SEVERITY,
    WARNING_COLOURS,
    Colour,
    Status,
    colour_severity,
)
from koers.actions.queries import is_open
from koers.dashboard.status import ON_TRACK, SEVERITY, behind
from koers.meetings.kinds import ItemKind

# Strategies whose KPIs are unknown rank as on track: no figure is no alarm.
KPI_RANK_CAP = SEVERITY[ON_TRACK]


@dataclass
class AgendaItem:
    key: str
    kind: ItemKind
    title: str
    action: object = None
    update: object = None
    strategy: object = None
    strategy_update: object = None
    actions: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    last_agreed: object = None  # session mode: an earlier session's note on the action
    kpis: list = field(default_factory=list)  # the plan session's dashboard: KPIs with status
    behind: object = None  # dashboard.status.Behind of a strategy

    @property
    def template(self) -> str:
        """The partial that shows this item's summary: one per kind."""
        return f"meetings/items/_{self.kind}.html"


@dataclass
class AgendaSection:
    key: str
    title: str
    intro: str = ""
    items: list = field(default_factory=list)
    strategy: object = None


@dataclass
class AgendaData:
    kind: str
    strategies: list  # ordered Strategy objects
    actions: list  # open and done Action objects, each with `.latest_update` (or None)
    strategy_updates: dict  # strategy id -> latest StrategyUpdate
    since: datetime | None = None  # start of the period a steering session looks back on
    open_evaluation: list = field(default_factory=list)  # earlier start/keep/stop items
    evaluation: list = field(default_factory=list)  # this session's start/keep/stop items
    analysis: list = field(default_factory=list)  # strengths, vulnerabilities, opportunities…
    signals: list = field(default_factory=list)  # environment signals since the last steering
    scenario_sets: list = field(default_factory=list)  # each with `.scenarios_now`
    kpi_status: dict = field(default_factory=dict)  # strategy id -> rolled-up KPI status
    kpis: list = field(default_factory=list)  # the plan's KPIs, each with `.status`
    today: date | None = None  # for what is overdue
    canvas_shift: object = None  # the business model's latest version of the period vs before
    trend_changes: list = field(default_factory=list)  # trends rescored in the period


def _by_strategy(actions, strategy):
    return [a for a in actions if a.strategy_id == strategy.pk]


def _attention_items(actions):
    """Orange and red open actions, red first: the method's "push it back on track" list."""
    flagged = [a for a in actions if a.status != Status.DONE and a.colour in WARNING_COLOURS]
    flagged.sort(key=lambda a: (colour_severity(a.colour), a.position, a.pk))
    return [
        AgendaItem(
            key=f"action-{a.pk}",
            kind=ItemKind.ATTENTION,
            title=a.title,
            action=a,
            update=a.latest_update,
            strategy=a.strategy,
        )
        for a in flagged
    ]


def _ready_to_close(actions):
    ready = [a for a in actions if a.status != Status.DONE and a.progress >= 100]
    return [
        AgendaItem(
            key=f"close-{a.pk}",
            kind=ItemKind.READY,
            title=a.title,
            action=a,
            update=a.latest_update,
            strategy=a.strategy,
        )
        for a in ready
    ]


def _quiet_strategy_intro(actions) -> str:
    """What an agenda says of a strategy with nothing orange or red: only "on plan" when every
    open action has an update saying so; on day one, that there is nothing to go on yet."""
    open_actions = [a for a in actions if is_open(a)]
    if not open_actions:
        return _("This strategy has no open actions yet.")
    updated = sum(a.latest_update is not None for a in open_actions)
    if updated < len(open_actions):
        return ngettext(
            "No updates yet: %(updated)s of %(total)s action updated.",
            "No updates yet: %(updated)s of %(total)s actions updated.",
            len(open_actions),
        ) % {"updated": updated, "total": len(open_actions)}
    return _("All actions of this strategy are on plan.")


def update_agenda(data: AgendaData) -> list[AgendaSection]:
    sections = []
    for strategy in data.strategies:
        own = _by_strategy(data.actions, strategy)
        items = _attention_items(own)
        sections.append(
            AgendaSection(
                key=f"strategy-{strategy.pk}",
                title=strategy.title,
                strategy=strategy,
                items=items,
                intro="" if items else _quiet_strategy_intro(own),
            )
        )
    sections.append(
        AgendaSection(
            key="close",
            title=_("Actions ready to close"),
            items=_ready_to_close(data.actions),
            intro=_("Set finished actions to Done, with the definition of done."),
        )
    )
    return sections


def strategy_health_rank(strategy, actions, strategy_update, kpi_status="unknown") -> tuple:
    """Strategies behind schedule first: behind in content (KPIs), then the declared colour,
    then behind in planning (the share of red and orange actions)."""
    own = [a for a in actions if a.strategy_id == strategy.pk and a.status != Status.DONE]
    red = sum(a.colour == Colour.RED for a in own)
    orange = sum(a.colour == Colour.ORANGE for a in own)
    # No update yet, or one without a colour, ranks as green: nobody raised an alarm.
    green = COLOUR_SEVERITY[Colour.GREEN]
    declared = COLOUR_SEVERITY.get(strategy_update.colour, green) if strategy_update else green
    return (
        min(SEVERITY.get(kpi_status, KPI_RANK_CAP), KPI_RANK_CAP),
        declared,
        -(2 * red + orange) / max(len(own), 1),
        strategy.position,
    )


def steering_agenda(data: AgendaData) -> list[AgendaSection]:
    sections = []
    for strategy in data.strategies:
        own = _by_strategy(data.actions, strategy)
        finished = [
            a
            for a in own
            if a.status == Status.DONE
            and a.closed_at
            and (data.since is None or a.closed_at >= data.since)
        ]
        items = [
            AgendaItem(
                key=f"strategy-update-{strategy.pk}",
                kind=ItemKind.STRATEGY_UPDATE,
                title=_("Strategy update"),
                strategy=strategy,
                strategy_update=data.strategy_updates.get(strategy.pk),
            )
        ]
        if finished:
            items.append(
                AgendaItem(
                    key=f"finished-{strategy.pk}",
                    kind=ItemKind.FINISHED,
                    title=_("Results of finished actions"),
                    strategy=strategy,
                    actions=finished,
                )
            )
        items += _attention_items(own)
        sections.append(
            AgendaSection(
                key=f"back-{strategy.pk}",
                title=strategy.title,
                strategy=strategy,
                items=items,
                intro=_("Looking back: progress of this strategy."),
            )
        )
    evaluation = []
    if data.open_evaluation:
        evaluation.append(
            AgendaItem(
                key="evaluation-review",
                kind=ItemKind.EVALUATION_REVIEW,
                title=_("What we agreed last time"),
                entries=data.open_evaluation,
            )
        )
    evaluation.append(
        AgendaItem(
            key="evaluation", kind=ItemKind.EVALUATION, title=_("Start or improve, keep, stop")
        )
    )
    sections.append(
        AgendaSection(
            key="evaluation",
            title=_("Evaluate the quarter"),
            items=evaluation,
            intro=_("Collaboration within the team and with others, the process, the facilities."),
        )
    )
    around = _around_us(data)
    if around:
        sections.append(
            AgendaSection(
                key="around",
                title=_("What moved around us"),
                intro=_(
                    "Signals since the last steering session; how likely are the scenarios now?"
                ),
                items=around,
            )
        )
    todo = [a for a in data.actions if a.status == Status.TODO and not a.proposed]
    sections.append(
        AgendaSection(
            key="ahead",
            title=_("Looking ahead"),
            items=[
                AgendaItem(
                    key="new-actions",
                    kind=ItemKind.NEW_ACTIONS,
                    title=_("Are new actions needed to realise the strategies?"),
                ),
                AgendaItem(
                    key="priorities",
                    kind=ItemKind.PRIORITIES,
                    title=_("Priorities for the next quarter"),
                    actions=todo,
                    entries=_in_priority_order(data),
                ),
                *_proposals(data),
            ],
        )
    )
    sections.append(
        AgendaSection(
            key="ogsm",
            title=_("Must the OGSM change?"),
            intro=_(
                "Yes: the proposals go into the draft of the next version, for the plan session."
            ),
            items=[
                AgendaItem(
                    key="ogsm-change", kind=ItemKind.OGSM_CHANGE, title=_("Must the OGSM change?")
                )
            ],
        )
    )
    sections.append(
        AgendaSection(
            key="followup",
            title=_("Follow-up"),
            items=[
                AgendaItem(
                    key="followup",
                    kind=ItemKind.FOLLOWUP,
                    title=_("Tell people outside the team: results and priorities"),
                ),
            ],
        )
    )
    return sections


def _around_us(data: AgendaData) -> list[AgendaItem]:
    """The tools used alongside, those with something new: the steering agenda lists only
    these (the plan session has its year in view instead)."""
    items = []
    if data.signals:
        items.append(
            AgendaItem(
                key="signals", kind=ItemKind.SIGNALS, title=_("New signals"), entries=data.signals
            )
        )
    if data.canvas_shift:
        items.append(
            AgendaItem(
                key="canvas-shift",
                kind=ItemKind.CANVAS_SHIFT,
                title=_("Shifts in the business model"),
                entries=[data.canvas_shift],
            )
        )
    if data.trend_changes:
        items.append(
            AgendaItem(
                key="trend-scores",
                kind=ItemKind.TREND_SCORES,
                title=_("Trends whose scores changed"),
                entries=data.trend_changes,
            )
        )
    if data.scenario_sets:
        items.append(
            AgendaItem(
                key="scenarios",
                kind=ItemKind.SCENARIOS,
                title=_("How did the likelihood of the scenarios change?"),
                entries=data.scenario_sets,
            )
        )
    return items


def _strategy_kpis(data: AgendaData, strategy) -> list:
    return [k for k in data.kpis if k.measure_id and k.measure.strategy_id == strategy.pk]


def _behind(data: AgendaData, strategy):
    """dashboard.status.behind for a strategy: its KPIs (or, without them, its rolled-up
    status) and its open actions."""
    statuses = [k.status for k in _strategy_kpis(data, strategy)] or [
        data.kpi_status.get(strategy.pk, "unknown")
    ]
    own = [a for a in _by_strategy(data.actions, strategy) if a.status != Status.DONE]
    return behind(statuses, [(a.colour, a.due_date) for a in own if not a.proposed], data.today)


def _dashboard_items(data: AgendaData) -> list[AgendaItem]:
    """The goals' KPIs, then each strategy, furthest behind first (in content and/or planning),
    ties broken by the declared colour and the share of red and orange actions."""
    lagging = {s.pk: _behind(data, s) for s in data.strategies}
    ranked = sorted(
        data.strategies,
        key=lambda s: (
            lagging[s.pk].rank,
            strategy_health_rank(
                s,
                data.actions,
                data.strategy_updates.get(s.pk),
                data.kpi_status.get(s.pk, "unknown"),
            ),
        ),
    )
    goals = [k for k in data.kpis if k.goal_id]
    items = [
        AgendaItem(
            key="dashboard-goals", kind=ItemKind.DASHBOARD_GOALS, title=_("The goals"), kpis=goals
        )
    ]
    return items + [
        AgendaItem(
            key=f"dashboard-{s.pk}",
            kind=ItemKind.DASHBOARD,
            title=s.title,
            strategy=s,
            strategy_update=data.strategy_updates.get(s.pk),
            entries=[data.kpi_status.get(s.pk, "unknown")],
            actions=[a for a in _by_strategy(data.actions, s) if a.status != Status.DONE],
            kpis=_strategy_kpis(data, s),
            behind=lagging[s.pk],
        )
        for s in ranked
    ]


def plan_agenda(data: AgendaData) -> list[AgendaSection]:
    dashboard_items = _dashboard_items(data)
    steps = [
        ("step-actions", _("Which actions are needed for the results we want?")),
        ("step-choices", _("Which strategic choices must change?")),
        ("step-choice-actions", _("Which actions go with those changed choices?")),
        ("step-dashboard", _("What does that mean for the dashboard?")),
    ]
    return [
        year_in_view_section(),
        AgendaSection(
            key="analysis",
            title=_("Strengths, vulnerabilities, opportunities, risks"),
            intro=_("What must we respond to, and what can we ignore for now?"),
            items=[
                AgendaItem(
                    key="analysis",
                    kind=ItemKind.ANALYSIS,
                    title=_("Review of the updated lists"),
                    entries=data.analysis,
                ),
            ],
        ),
        AgendaSection(
            key="dashboard",
            title=_("Evaluate the dashboard"),
            intro=_("The goals, then the strategies furthest behind in content or planning."),
            items=dashboard_items,
        ),
        AgendaSection(
            key="bottom-up",
            title=_("Update the OGSM, bottom-up"),
            intro=_("Every change goes into the draft of the next version, not the active plan."),
            items=_bottom_up(data, steps),
        ),
        AgendaSection(
            key="update-ogsm",
            title=_("Update the OGSM"),
            items=[
                AgendaItem(
                    key="update-ogsm",
                    kind=ItemKind.UPDATE_OGSM,
                    title=_("The draft against the active version; activate it"),
                )
            ],
        ),
    ]


def _bottom_up(data: AgendaData, steps) -> list[AgendaItem]:
    """The method's bottom-up route: the actions needed, the strategic choices (each strategy
    of the plan, then new ones), the actions that go with them, the dashboard, the goals."""
    step = {k: AgendaItem(key=k, kind=ItemKind.STEP, title=t) for k, t in steps}
    return [
        step["step-actions"],
        step["step-choices"],
        *(
            AgendaItem(
                key=f"draft-strategy-{s.pk}",
                kind=ItemKind.DRAFT_STRATEGY,
                title=s.title,
                strategy=s,
            )
            for s in data.strategies
        ),
        AgendaItem(
            key="draft-new-strategy", kind=ItemKind.DRAFT_NEW_STRATEGY, title=_("A new strategy?")
        ),
        step["step-choice-actions"],
        AgendaItem(key="new-actions", kind=ItemKind.NEW_ACTIONS, title=_("Record the new actions")),
        *_proposals(data),
        AgendaItem(
            key="priorities",
            kind=ItemKind.PRIORITIES,
            title=_("Priorities for the coming period"),
            actions=[a for a in data.actions if a.status == Status.TODO and not a.proposed],
            entries=_in_priority_order(data),
        ),
        AgendaItem(key="step-dashboard", kind=ItemKind.DRAFT_DASHBOARD, title=steps[3][1]),
        AgendaItem(key="draft-goals", kind=ItemKind.DRAFT_GOALS, title=_("The goals' targets")),
    ]


def _in_priority_order(data: AgendaData) -> list:
    """The open actions of the plan, per strategy in its priority order (session mode moves
    them up and down, and back to To do)."""
    order = {s.pk: i for i, s in enumerate(data.strategies)}
    playing = [a for a in data.actions if a.status != Status.DONE and not a.proposed]
    return sorted(playing, key=lambda a: (order.get(a.strategy_id, 0), a.position, a.pk))


def _proposals(data: AgendaData) -> list[AgendaItem]:
    """Members' proposed actions, offered for acceptance: an item only when there are any."""
    proposed = [a for a in data.actions if a.proposed and a.status != Status.DONE]
    if not proposed:
        return []
    title = _("Proposed actions: accept or reject")
    return [AgendaItem(key="proposals", kind=ItemKind.PROPOSALS, title=title, actions=proposed)]


def year_in_view_section() -> AgendaSection:
    """The plan session's look back over the year, before the strengths … risks are reviewed:
    its entries are loaded with the item (meetings/year.py), like those of the other tools."""
    titles = {
        ItemKind.YEAR_SIGNALS: _("Signals of the past twelve months"),
        ItemKind.YEAR_SWOT: _("Strengths, vulnerabilities, opportunities and risks: what changed"),
        ItemKind.YEAR_TRENDS: _("Trend scores over the year"),
        ItemKind.YEAR_SCENARIOS: _("The scenarios' likelihood, now and a year ago"),
        ItemKind.YEAR_CANVAS: _("The business model against a year ago"),
    }
    return AgendaSection(
        key="year",
        title=_("What changed since last year"),
        intro=_("The twelve months before the session, from the analysis tools."),
        items=[
            AgendaItem(key=kind.replace("_", "-"), kind=kind, title=title)
            for kind, title in titles.items()
        ],
    )


BUILDERS = {"update": update_agenda, "steering": steering_agenda, "plan": plan_agenda}

# Every session ends with its conclusions, whatever was decided on the way: a stable key, so
# what is written there stays with the session when the items before it come and go.
CONCLUSIONS = "conclusions"


def closing_section() -> AgendaSection:
    return AgendaSection(
        key=CONCLUSIONS,
        title=_("Closing"),
        items=[
            AgendaItem(
                key=CONCLUSIONS, kind=ItemKind.CONCLUSIONS, title=_("Conclusions and agreements")
            )
        ],
    )


def build_agenda(data: AgendaData) -> list[AgendaSection]:
    return [*BUILDERS[data.kind](data), closing_section()]


def flat_items(sections) -> list[AgendaItem]:
    return [item for section in sections for item in section.items]
