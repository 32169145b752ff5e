"""Demo sessions: an earlier steering session with minutes and a start/keep/stop evaluation,
last month's update session, the next update session with its round open, and the 2027 rhythm."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from koers.actions.models import Action
from koers.meetings import rules
from koers.meetings.models import (
    AgendaNote,
    Decision,
    EvaluationItem,
    Kind,
    Session,
    Topic,
    Verdict,
)

EVALUATION = [
    (Topic.TEAM, Verdict.START, "Elke vrijdag tien minuten samen terugkijken op de week"),
    (Topic.TEAM, Verdict.KEEP, "De ochtendbriefing in het bakhuis"),
    (Topic.OTHERS, Verdict.STOP, "Offertes via losse e-mails; alles via het bestelsysteem"),
    (Topic.PROCESS, Verdict.START, "Updates uiterlijk maandag voor het overleg invullen"),
    (Topic.FACILITIES, Verdict.KEEP, "Het planningsbord in het bakhuis"),
]


def _at(days: int, zone) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(9, 0), tzinfo=zone)


def load(workspace, plan, users):
    zone = ZoneInfo(workspace.time_zone)
    cadence = rules.cadence_of(plan)
    cadence.place = "Bakhuis, kantine (of via https://meet.example/korenaar)"
    cadence.save()
    steering = Session.objects.create(
        plan=plan,
        kind=Kind.STEERING,
        starts_at=_at(-58, zone),
        duration_minutes=120,
        place=cadence.place,
        state=Session.State.CLOSED,
        round_opened_at=_at(-65, zone),
        started_at=_at(-58, zone),
        ended_at=_at(-58, zone) + timedelta(hours=2),
    )
    for topic, verdict, text in EVALUATION:
        EvaluationItem.objects.create(
            session=steering, topic=topic, verdict=verdict, text=text, created_by=users["pieter"]
        )
    first = Action.objects.filter(strategy__plan=plan, title__startswith="Tien kantoren").first()
    AgendaNote.objects.create(
        session=steering,
        item_key=f"action-{first.pk}",
        recorded_by=users["pieter"],
        reasons="Kantoren beslissen traag over lunchcontracten.",
        remedy="Sanne biedt een gratis proefweek aan; Anna regelt het budget.",
    )
    Decision.objects.create(
        session=steering,
        type=Decision.Type.NOTE,
        decided_by=users["anna"],
        summary="Proefweek voor zakelijke klanten goedgekeurd.",
    )
    update = Session.objects.create(
        plan=plan,
        kind=Kind.UPDATE,
        starts_at=_at(-27, zone),
        duration_minutes=45,
        place=cadence.place,
        state=Session.State.CLOSED,
        started_at=_at(-27, zone),
        ended_at=_at(-27, zone) + timedelta(minutes=45),
    )
    Decision.objects.create(
        session=update,
        type=Decision.Type.NOTE,
        decided_by=users["pieter"],
        summary="Rooster: Pieter vraagt het uitzendbureau om een oproepkracht.",
    )
    Session.objects.create(
        plan=plan,
        kind=Kind.UPDATE,
        starts_at=_at(5, zone),
        duration_minutes=45,
        place=cadence.place,
        round_opened_at=timezone.now() - timedelta(days=2),
    )
    Session.objects.create(
        plan=plan,
        kind=Kind.STEERING,
        starts_at=_at(33, zone),
        duration_minutes=120,
        place=cadence.place,
    )
    rules.schedule_sessions(plan, cadence, timezone.localdate() + timedelta(days=40))
    for ended in plan.sessions.filter(state=Session.State.CLOSED):
        rules.freeze_round(ended)  # past rounds stay as they were
