"""The update session's agenda: per strategy the actions that need attention, then those
ready to close."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from koers.actions.queries import is_open
from koers.meetings.agenda.items import (
    AgendaData,
    AgendaItem,
    AgendaSection,
    attention_items,
    by_strategy,
)
from koers.meetings.kinds import ItemKind


def _ready_to_close(actions):
    ready = [a for a in actions if is_open(a) and a.progress >= 100]
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
        own = by_strategy(data.actions, strategy)
        items = attention_items(own)
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
