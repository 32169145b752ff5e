"""Engagement, for the process owner before a session: who gave their updates on time in the
last sessions, and which actions have been silent longest — who needs a nudge.

"On time" for a session means an update written in its round (koers.meetings.asked.round_start
up to the session's start) by the person, on an action of the plan.
"""

from dataclasses import dataclass

from django.db.models import Q

from koers.actions.models import ActionUpdate
from koers.meetings.asked import round_start
from koers.meetings.models import Session
from koers.meetings.rounds import asked_about

LAST_SESSIONS = 4
SILENT_SHOWN = 5


@dataclass
class PersonEngagement:
    person: object
    on_time: int
    sessions: int

    @property
    def all_on_time(self) -> bool:
        return self.on_time == self.sessions


def engagement(session) -> dict:
    """{"people": [PersonEngagement], "sessions": the past sessions looked at, "silent": open
    actions silent longest}, in a fixed number of queries. Owners the round does not ask (their
    role on the plan cannot update) are in neither: nobody asked them anything."""
    plan = session.plan
    past = list(
        Session.objects.filter(plan=plan, starts_at__lt=session.starts_at).order_by("-starts_at")[
            :LAST_SESSIONS
        ]
    )
    actions = asked_about(plan)
    owners = {a.owner_id: a.owner for a in actions if a.owner_id}
    windows = [(round_start(s), s.starts_at) for s in past]
    written = set()
    if windows and owners:
        window_q = Q()
        for start, end in windows:
            window_q |= Q(created_at__gte=start, created_at__lt=end)
        rows = ActionUpdate.objects.filter(
            window_q, action__strategy__plan=plan, author_id__in=owners
        ).values_list("author_id", "created_at")
        for author_id, created_at in rows:
            for index, (start, end) in enumerate(windows):
                if start <= created_at < end:
                    written.add((author_id, index))
    people = [
        PersonEngagement(
            person=person,
            on_time=sum((pk, i) in written for i in range(len(windows))),
            sessions=len(windows),
        )
        for pk, person in owners.items()
    ]
    people.sort(key=lambda p: (p.on_time, p.person.display_name))
    silent = sorted(
        actions,
        key=lambda a: (a.last_update_at is not None, a.last_update_at or a.created_at, a.pk),
    )[:SILENT_SHOWN]
    return {"people": people, "sessions": past, "silent": silent}
