"""What an agenda is made of (sections of items, from the plan's data), and the pieces the
session kinds' agendas share: the actions that need attention, the priorities, the proposals."""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.actions.models import WARNING_COLOURS, Status, colour_severity
from koers.actions.queries import is_awaiting_decision, is_open
from koers.meetings.agenda.shown import item_shown, section_shown
from koers.meetings.kinds import (
    DECIDED_IN_SESSION,
    DEFAULT_NOTE_LABEL,
    NOTE_LABELS,
    NOTED_IN_THEIR_FORMS,
    SUMMARY_WHEN_CLOSED,
    ItemKind,
)


def shows_its_update() -> Q:
    """The actions whose item shows their latest update: those needing attention (orange or
    red, `attention_items`) and those ready to close (at 100 %, agenda/update.py), not done.
    Agendas without the update session's "no updates yet" intros read only these updates.
    A cheap superset in SQL of `needs_attention` and the update agenda's "ready to close" (it
    leaves the open rule's other parts to them): reading a few updates more costs nothing."""
    return ~Q(status=Status.DONE) & (Q(colour__in=WARNING_COLOURS) | Q(progress__gte=100))


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

    @property
    def decide_template(self) -> str | None:
        """Session mode's decision forms for this item, one partial per kind decided there."""
        return f"meetings/decide/_{self.kind}.html" if self.kind in DECIDED_IN_SESSION else None

    @property
    def note_label(self) -> str | None:
        """The label of session mode's notes field; None where the decision forms take the notes."""
        if self.kind in NOTED_IN_THEIR_FORMS:
            return None
        return NOTE_LABELS.get(self.kind, DEFAULT_NOTE_LABEL)

    @property
    def summary_when_closed(self) -> bool:
        """Whether session mode shows the summary only once the session is closed, because
        the decision forms show the same while it is open."""
        return self.kind in SUMMARY_WHEN_CLOSED

    @cached_property
    def shown(self) -> tuple | None:
        """What this item's summary shows: the key its `{% fragment %}` on the agenda page is
        kept under (`shown.item_shown`); None for kinds rendered every time."""
        return item_shown(self)


@dataclass
class AgendaSection:
    key: str
    title: str
    intro: str = ""
    items: list = field(default_factory=list)
    strategy: object = None

    @cached_property
    def shown(self) -> tuple | None:
        """What this section shows, its items' keys among it (`shown.section_shown`)."""
        return section_shown(self)


@dataclass
class AgendaData:
    kind: str
    strategies: list  # ordered Strategy objects
    # Action objects, each with `.latest_update` (or None): the open ones and, but for the
    # outline, only the done ones finished since `since` (loading._shown_actions). The
    # pre-read's: `meetings.kept.KeptAction`s (the raw row; the action built when shown).
    actions: list
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
    child_plans: list = field(default_factory=list)  # dashboard.portfolio.ChildPlan entries


def by_strategy(actions, strategy):
    return [a for a in actions if a.strategy_id == strategy.pk]


def needs_attention(action) -> bool:
    """Open (actions.queries.is_open) and orange or red: what the agendas and the deck's
    strategy slides ask to push back on track."""
    return is_open(action) and action.colour in WARNING_COLOURS


def attention_items(actions):
    """Orange and red open actions, red first: the method's "push it back on track" list."""
    flagged = [a for a in actions if needs_attention(a)]
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


def in_priority_order(data: AgendaData) -> list:
    """The open actions of the plan, per strategy in its priority order (session mode moves
    them up and down, and back to To do)."""
    order = {s.pk: i for i, s in enumerate(data.strategies)}
    playing = [a for a in data.actions if is_open(a)]
    return sorted(playing, key=lambda a: (order.get(a.strategy_id, 0), a.position, a.pk))


def proposals(data: AgendaData) -> list[AgendaItem]:
    """Members' proposed actions, offered for acceptance: an item only when there are any.
    Not "open" (a proposal is not yet part of the plan): awaiting a decision (actions.queries),
    on the agendas of the session kinds `DECIDES_PROPOSALS` names (agenda/__init__.py)."""
    proposed = [a for a in data.actions if is_awaiting_decision(a)]
    if not proposed:
        return []
    title = _("Proposed actions: accept or reject")
    return [AgendaItem(key="proposals", kind=ItemKind.PROPOSALS, title=title, actions=proposed)]


def child_plans_section(data: AgendaData) -> list[AgendaSection]:
    """The plans cascaded under this one, each with how it goes and what it asks of us: on the
    steering and plan session agendas, only when the plan has any."""
    if not data.child_plans:
        return []
    item = AgendaItem(
        key="child-plans",
        kind=ItemKind.CHILD_PLANS,
        title=_("Child plans"),
        entries=data.child_plans,
    )
    intro = _("How the plans serving ours go, and what they ask of us.")
    return [AgendaSection(key="child-plans", title=_("Child plans"), intro=intro, items=[item])]
