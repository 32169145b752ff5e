"""The steering session's agenda: looking back per strategy, evaluating the quarter, what
moved around us, looking ahead, must the OGSM change, follow-up."""

from django.utils.translation import gettext_lazy as _

from koers.actions.models import Status
from koers.actions.queries import is_open
from koers.meetings.agenda.items import (
    AgendaData,
    AgendaItem,
    AgendaSection,
    attention_items,
    by_strategy,
    child_plans_section,
    in_priority_order,
    proposals,
)
from koers.meetings.kinds import ItemKind


def steering_agenda(data: AgendaData) -> list[AgendaSection]:
    sections = []
    for strategy in data.strategies:
        own = by_strategy(data.actions, strategy)
        # Not the open rule: the actions finished in the period looked back on.
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
        items += attention_items(own)
        sections.append(
            AgendaSection(
                key=f"back-{strategy.pk}",
                title=strategy.title,
                strategy=strategy,
                items=items,
                intro=_("Looking back: progress of this strategy."),
            )
        )
    sections += child_plans_section(data)
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
    todo = [a for a in data.actions if is_open(a) and a.status == Status.TODO]
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
                    entries=in_priority_order(data),
                ),
                *proposals(data),
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
