"""The plan session's agenda: the year in view, the SWOT, the dashboard (furthest behind
first), the OGSM bottom-up in the draft of the next version, and updating the OGSM."""

from django.utils.translation import gettext_lazy as _

from koers.actions.models import COLOUR_SEVERITY, Colour, Status
from koers.actions.queries import is_open
from koers.dashboard.status import ON_TRACK, SEVERITY, behind
from koers.meetings.agenda.items import (
    AgendaData,
    AgendaItem,
    AgendaSection,
    by_strategy,
    child_plans_section,
    in_priority_order,
    proposals,
)
from koers.meetings.kinds import ItemKind

# Strategies whose KPIs are unknown rank as on track: no figure is no alarm.
KPI_RANK_CAP = SEVERITY[ON_TRACK]


def strategy_health_rank(strategy, actions, strategy_update, kpi_status="unknown") -> tuple:
    """Strategies behind schedule first: behind in content (KPIs), then the declared colour,
    then behind in planning (the share of red and orange among its open actions)."""
    own = [a for a in actions if a.strategy_id == strategy.pk and is_open(a)]
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


def _strategy_kpis(data: AgendaData, strategy) -> list:
    return [k for k in data.kpis if k.measure_id and k.measure.strategy_id == strategy.pk]


def _behind(data: AgendaData, strategy):
    """dashboard.status.behind for a strategy: its KPIs (or, without them, its rolled-up
    status) and its open actions."""
    statuses = [k.status for k in _strategy_kpis(data, strategy)] or [
        data.kpi_status.get(strategy.pk, "unknown")
    ]
    own = [a for a in by_strategy(data.actions, strategy) if is_open(a)]
    return behind(statuses, [(a.colour, a.due_date) for a in own], data.today)


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
            actions=[a for a in by_strategy(data.actions, s) if is_open(a)],
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
        *child_plans_section(data),
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
        *proposals(data),
        AgendaItem(
            key="priorities",
            kind=ItemKind.PRIORITIES,
            title=_("Priorities for the coming period"),
            actions=[a for a in data.actions if is_open(a) and a.status == Status.TODO],
            entries=in_priority_order(data),
        ),
        AgendaItem(key="step-dashboard", kind=ItemKind.DRAFT_DASHBOARD, title=steps[3][1]),
        AgendaItem(key="draft-goals", kind=ItemKind.DRAFT_GOALS, title=_("The goals' targets")),
    ]


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
