"""Demo sessions, all on the demo's own rhythm (second Tuesday, steering every quarter): the
last three months' sessions held (the steering one with minutes and a start/keep/stop
evaluation), the next one with its round open, and the rest of the plan period planned."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from koers.actions.models import Action
from koers.meetings import decisions, rules
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


HELD_MONTHS = 3  # one steering session among them, as steering comes every third month
LENGTHS = {Kind.UPDATE: 45, Kind.STEERING: 120, Kind.PLAN: 240}


def _month_index(plan, year: int, month: int) -> int:
    """Months from the plan's first month; negative before the plan period."""
    return (year - plan.start_date.year) * 12 + month - plan.start_date.month


def rhythm_sessions(plan, cadence, today: date, zone) -> list[tuple[str, datetime]]:
    """(kind, start) of the rhythm's sessions from `HELD_MONTHS` months back to the next one:
    the days and kinds `rules.schedule_sessions` gives the months of the plan period."""
    total = len(list(rules.months_between(plan.start_date, plan.end_date)))
    year, month = today.year, today.month - HELD_MONTHS
    if month < 1:
        year, month = year - 1, month + 12
    sessions = []
    while True:
        kind = rules.kind_for_month(_month_index(plan, year, month), total, cadence)
        day = rules.nth_weekday(year, month, cadence.weekday, cadence.week_of_month)
        if kind:
            sessions.append((kind, datetime.combine(day, cadence.start_time, tzinfo=zone)))
            if day > today:
                return sessions
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _held(plan, kind, starts, place) -> Session:
    return Session.objects.create(
        plan=plan,
        kind=kind,
        starts_at=starts,
        duration_minutes=LENGTHS[kind],
        place=place,
        state=Session.State.CLOSED,
        round_opened_at=starts - timedelta(days=7),
        started_at=starts,
        ended_at=starts + timedelta(minutes=LENGTHS[kind]),
    )


def load(workspace, plan, users):
    zone = ZoneInfo(workspace.time_zone)
    cadence = rules.cadence_of(plan)
    cadence.place = "Bakhuis, kantine (of via https://meet.example/korenaar)"
    cadence.save()
    today = timezone.localdate()
    *past, (next_kind, next_start) = rhythm_sessions(plan, cadence, today, zone)
    held = [_held(plan, kind, starts, cadence.place) for kind, starts in past[-HELD_MONTHS:]]
    steering = next((s for s in reversed(held) if s.kind != Kind.UPDATE), held[0])
    update = next((s for s in reversed(held) if s.kind == Kind.UPDATE), held[-1])
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
    Decision.objects.create(
        session=update,
        type=Decision.Type.NOTE,
        decided_by=users["pieter"],
        summary="Rooster: Pieter vraagt het uitzendbureau om een oproepkracht.",
    )
    Session.objects.create(
        plan=plan,
        kind=next_kind,
        starts_at=next_start,
        duration_minutes=LENGTHS[next_kind],
        place=cadence.place,
        round_opened_at=timezone.now() - timedelta(days=2),
    )
    rules.schedule_sessions(plan, cadence, today)  # the rest of the plan period
    for ended in plan.sessions.filter(state=Session.State.CLOSED):
        decisions.freeze_round(ended)  # past rounds stay as they were
