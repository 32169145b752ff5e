"""Generate a session's agenda from the plan's data, following METHOD.md's agendas in order.

`build_agenda` is a pure function: it takes plain data (`AgendaData`) and returns sections of
items; `load_agenda_data` (in loading.py) fetches that data in a fixed number of queries. The same
structure feeds the agenda page, session mode, the pre-read and the PDFs. One module per session
kind (`update`, `steering`, `plan`); `items` holds the structure and the pieces they share.
"""

from django.utils.translation import gettext_lazy as _

from koers.meetings.agenda.items import (
    AgendaData,
    AgendaItem,
    AgendaSection,
    child_plans_section,
)
from koers.meetings.agenda.plan import plan_agenda, strategy_health_rank, year_in_view_section
from koers.meetings.agenda.steering import steering_agenda
from koers.meetings.agenda.update import update_agenda
from koers.meetings.kinds import ItemKind

__all__ = [
    "BUILDERS",
    "CONCLUSIONS",
    "DECIDES_PROPOSALS",
    "AgendaData",
    "AgendaItem",
    "AgendaSection",
    "ItemKind",
    "build_agenda",
    "child_plans_section",
    "closing_section",
    "flat_items",
    "plan_agenda",
    "steering_agenda",
    "strategy_health_rank",
    "update_agenda",
    "year_in_view_section",
]

BUILDERS = {"update": update_agenda, "steering": steering_agenda, "plan": plan_agenda}

# The session kinds whose agendas offer members' proposals for a decision (`items.proposals`,
# in steering.py and plan.py): My work names the next of them beside each of my proposals
# (koers.meetings.asked.my_proposals); meetings/tests/test_my_proposals.py holds the two equal.
DECIDES_PROPOSALS = ("steering", "plan")

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
