"""Session rules: the cadence and the schedule of sessions it makes (METHOD.md: monthly
update, quarterly steering, a plan session every year).
"""

import calendar
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from koers.lib.versioning import (
    StaleEdit,
    save_or_create_versioned,
    unsaved_default,
)
from koers.meetings.models import (
    Cadence,
    Kind,
    Session,
)


class SessionError(Exception):
    """A session step the rules do not allow; the message is shown to the user."""


def cadence_of(plan) -> Cadence:
    """The plan's rhythm: the method's defaults (unsaved) until the process owner sets one."""
    try:
        return plan.cadence  # often loaded already, along with a session
    except Cadence.DoesNotExist:
        return default_cadence(plan)


def default_cadence(plan) -> Cadence:
    """The method's rhythm for the plan, unsaved: reading a page never writes."""
    return unsaved_default(Cadence, plan=plan)


def save_cadence(cadence: Cadence, fields: list[str], expected_version: int) -> None:
    save_or_create_versioned(cadence, fields, expected_version)


def kept(cadence: Cadence) -> Cadence:
    """The rhythm, saved if it was still the unsaved default: sessions are planned by it from
    now on, and its calendar feed needs an address that stays."""
    if cadence.pk is None:
        try:
            save_cadence(cadence, [], 0)
        except StaleEdit:  # a colleague's first save came first: theirs is the rhythm
            cadence = Cadence.objects.get(plan=cadence.plan_id)
    return cadence


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 = Monday) of a month; the last one if the month has fewer."""
    days = [
        d
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).weekday() == weekday
    ]
    return date(year, month, days[min(n, len(days)) - 1])


def months_between(start: date, end: date):
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# The method's plan session is yearly: a plan running several years gets one at the end of
# each of its years, counted from the plan's first month, and one at the end of its period.
PLAN_SESSION_EVERY_MONTHS = 12


def kind_for_month(index: int, total: int, cadence: Cadence) -> str | None:
    """The plan session closes each plan year and the period; steering ends each quarter;
    update sessions fill in."""
    if index == total - 1 or (0 <= index < total and (index + 1) % PLAN_SESSION_EVERY_MONTHS == 0):
        return Kind.PLAN
    if (index + 1) % cadence.steering_every_months == 0:
        return Kind.STEERING
    if index % cadence.update_every_months == 0:
        return Kind.UPDATE
    return None


@transaction.atomic
def schedule_sessions(plan, cadence: Cadence, today: date) -> list[Session]:
    """Create the sessions of the plan period by the cadence; months that have one are kept."""
    cadence = kept(cadence)
    zone = ZoneInfo(plan.workspace.time_zone)
    months = list(months_between(plan.start_date, plan.end_date))
    existing = {
        (s.starts_at.astimezone(zone).year, s.starts_at.astimezone(zone).month)
        for s in plan.sessions.all()
    }
    lengths = {
        Kind.UPDATE: cadence.update_minutes,
        Kind.STEERING: cadence.steering_minutes,
        Kind.PLAN: cadence.plan_minutes,
    }
    created = []
    for index, (year, month) in enumerate(months):
        kind = kind_for_month(index, len(months), cadence)
        day = nth_weekday(year, month, cadence.weekday, cadence.week_of_month)
        if kind is None or (year, month) in existing or day < today:
            continue
        starts = datetime.combine(day, cadence.start_time, tzinfo=zone)
        created.append(
            Session.objects.create(
                plan=plan,
                kind=kind,
                starts_at=starts,
                duration_minutes=lengths[kind],
                place=cadence.place,
            )
        )
    return created
