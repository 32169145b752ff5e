"""The update round before a session: who is asked, requests and reminders, the pre-read.

"Answered in this round" is defined once, in koers.meetings.answers.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.actions import queries
from koers.actions.models import StrategyUpdate
from koers.meetings import answers, notifications
from koers.meetings.models import (
    Kind,
    Notice,
    Session,
)
from koers.meetings.rules import SessionError, cadence_of
from koers.plans.roles import may_be_asked


def open_actions(plan):
    """The plan's open actions (koers.actions.queries) with what the round names of them."""
    return queries.open_actions(plan).select_related("owner", "pending_owner", "strategy")


def asked_about(plan) -> list:
    """The plan's open actions the round asks about, or would if they had an owner: all but
    those whose owner's role on the plan cannot update them (`may_be_asked`), whom `_split`
    leaves out of the round and its page names under "Not asked"."""
    able = may_be_asked(plan)
    return [a for a in open_actions(plan) if a.owner_id is None or a.owner_id in able]


def _owners(session) -> dict:
    """Action owners, and strategy owners before steering: user -> {"actions", "strategies"}."""
    people: dict = {}
    for action in open_actions(session.plan):
        if action.owner:
            people.setdefault(action.owner, {"actions": [], "strategies": []})["actions"].append(
                action
            )
    if session.kind == Kind.STEERING:
        for strategy in session.plan.strategies.select_related("owner", "pending_owner"):
            if strategy.owner:
                people.setdefault(strategy.owner, {"actions": [], "strategies": []})[
                    "strategies"
                ].append(strategy)
    return people


def _split(session) -> tuple[dict, list]:
    """(asked, not asked): an owner is asked only when their role on the session's plan lets
    them update (`roles.may_be_asked`): a viewer there cannot act, so a request (and its
    personal link, which would open nothing) would only mislead them."""
    owners = _owners(session)
    if not owners:
        return {}, []
    able = may_be_asked(session.plan)
    asked = {person: items for person, items in owners.items() if person.pk in able}
    unable = sorted((p for p in owners if p.pk not in able), key=lambda p: p.display_name)
    return asked, unable


def round_people(session) -> dict:
    """Everyone asked for an update: action owners, and strategy owners before steering, whose
    role on the plan lets them update."""
    return _split(session)[0]


def completeness(session) -> list[dict]:
    """Per person: what they were asked, what they answered in this round and what is missing
    (koers.meetings.answers); for an ended session, as it stood when it ended."""
    return round_state(session)[0]


def round_state(session) -> tuple[list[dict], list]:
    """(`completeness`, the owners not asked because their role on the plan cannot update):
    the round page shows both. An ended session's record names only those it asked."""
    if session.round_result is not None:
        return session.round_result, []
    asked, unable = _split(session)
    since = answers.round_since(session)
    strategies_updated = set(
        StrategyUpdate.objects.filter(
            strategy__plan=session.plan, created_at__gte=since
        ).values_list("strategy_id", flat=True)
    )
    return answers.rows_for(asked, since, strategies_updated), unable


def round_is_over(session, now=None) -> bool:
    """Asking and reminding are for sessions still to come."""
    return session.state != Session.State.PLANNED or session.starts_at <= (now or timezone.now())


def _notify(session, user, type_, day, send) -> bool:
    """Record the notice first: the unique row makes a second run (or worker) send nothing."""
    try:
        with transaction.atomic():
            Notice.objects.create(
                session=session, user=user, type=type_, day=day, sent_at=timezone.now()
            )
    except IntegrityError:
        return False
    send(user)
    return True


def queue_round(session, now=None) -> None:
    """The process owner asked for the round: the page says so until the worker has sent it."""
    if round_is_over(session, now):
        raise SessionError(_("This session has begun or ended: its update round is over."))
    session.round_queued_at = now or timezone.now()
    session.save(update_fields=["round_queued_at"])


def open_update_round(session, send_request, now=None) -> int:
    """Ask everyone concerned for their update; returns how many were asked now.
    `send_request(user, asked)` gets what the person is asked: {"actions", "strategies"}."""
    now = now or timezone.now()
    if round_is_over(session, now):
        return 0
    if session.round_opened_at is None:
        session.round_opened_at = now
        session.save(update_fields=["round_opened_at"])
    day = session.starts_at.date()
    sent = 0
    people = round_people(session)
    # Those who turned these mails off are still asked (the round page lists them); no mail.
    muted = notifications.muted(list(people), notifications.Kind.UPDATE_REQUESTS)
    for person, asked in people.items():
        if person.pk in muted:
            continue
        send = lambda user, a=asked: send_request(user, a)  # noqa: E731 — one per person
        sent += _notify(session, person, Notice.Type.REQUEST, day, send)
    return sent


def remind(session, send_reminder, manual: bool, now=None) -> int:
    """Remind those who have not answered: automatically once, by hand at most once a day.
    Each reminder names only what is still missing in this round, as the round page shows."""
    now = now or timezone.now()
    if round_is_over(session, now):
        return 0
    day = timezone.localdate(now) if manual else session.starts_at.date()
    sent = 0
    rows = completeness(session)
    muted = notifications.muted([r["person"] for r in rows], notifications.Kind.UPDATE_REQUESTS)
    for row in rows:
        if row["complete"] or row["person"].pk in muted:
            continue
        missing = {"actions": row["missing"], "strategies": row["strategies_missing"]}
        sent += _notify(
            session,
            row["person"],
            Notice.Type.REMINDER,
            day,
            lambda user, m=missing: send_reminder(user, m),
        )
    return sent


def due_sessions(now):
    return Session.objects.filter(state=Session.State.PLANNED, starts_at__gt=now).select_related(
        "plan__workspace", "plan__cadence"
    )


def run_due_mail_for(session, now, send_request, send_reminder) -> dict:
    """For one session: open the round and send reminders when their day has come."""
    counts = {"requests": 0, "reminders": 0}
    cadence = cadence_of(session.plan)
    until = session.starts_at - now
    if until <= timedelta(days=cadence.request_days_before):
        counts["requests"] += open_update_round(session, send_request, now)
    if session.round_opened_at and until <= timedelta(days=cadence.reminder_days_before):
        counts["reminders"] += remind(session, send_reminder, manual=False, now=now)
    return counts


def queue_preread(session, now=None) -> None:
    session.preread_queued_at = now or timezone.now()
    session.save(update_fields=["preread_queued_at"])


def share_preread(session, send, now=None) -> int:
    session.preread_shared_at = now or timezone.now()
    session.save(update_fields=["preread_shared_at"])
    people = {m.user for m in session.plan.workspace.memberships.select_related("user")}
    muted = notifications.muted(list(people), notifications.Kind.PREREAD)
    people = {p for p in people if p.pk not in muted}
    day = timezone.localdate(session.preread_shared_at)
    return sum(_notify(session, person, Notice.Type.PREREAD, day, send) for person in people)
