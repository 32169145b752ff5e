"""Session rules: scheduling, the update round, and decisions that change the plan on the spot.

Every decision calls the action plan's own rules (koers.actions.rules) and is recorded as a
Decision, so the minutes say who decided what and which plan change followed.
"""

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from koers.actions import queries
from koers.actions import rules as action_rules
from koers.actions.models import Action, Colour, DoneCriterion, Status, StrategyUpdate
from koers.lib import dates, phrases
from koers.lib.versioning import (
    StaleEdit,
    save_or_create_versioned,
    save_versioned,
    unsaved_default,
)
from koers.meetings import answers, notifications
from koers.meetings.models import (
    AgendaNote,
    Cadence,
    Decision,
    EvaluationItem,
    Kind,
    Notice,
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


# --- Scheduling ------------------------------------------------------------------------------
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


# --- The update round --------------------------------------------------------------------------
def open_actions(plan):
    """The plan's open actions (koers.actions.queries) with what the round names of them."""
    return queries.open_actions(plan).select_related("owner", "pending_owner", "strategy")


def round_people(session) -> dict:
    """Everyone asked for an update: action owners, and strategy owners before steering."""
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


def completeness(session) -> list[dict]:
    """Per person: what they were asked, what they answered in this round and what is missing
    (koers.meetings.answers); for an ended session, as it stood when it ended."""
    if session.round_result is not None:
        return session.round_result
    since = answers.round_since(session)
    strategies_updated = set(
        StrategyUpdate.objects.filter(
            strategy__plan=session.plan, created_at__gte=since
        ).values_list("strategy_id", flat=True)
    )
    return answers.rows_for(round_people(session), since, strategies_updated)


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


# --- Session mode -------------------------------------------------------------------------------
def start_session(session) -> None:
    if session.state == Session.State.CLOSED:
        raise SessionError(_("This session is closed."))
    if session.state == Session.State.PLANNED:
        session.state, session.started_at = Session.State.RUNNING, timezone.now()
        session.save(update_fields=["state", "started_at"])


@transaction.atomic
def close_session(session) -> None:
    """End the session; who had answered its round is kept as it stands now."""
    if session.state == Session.State.CLOSED:
        return
    session.round_result = answers.freeze(completeness(session))
    session.state, session.ended_at = Session.State.CLOSED, timezone.now()
    session.save(update_fields=["state", "ended_at", "round_result"])


def freeze_round(session) -> None:
    """For a session recorded as ended without `close_session` (the demo's history): keep its
    round as it stands now."""
    if session.round_result is None:
        session.round_result = answers.freeze(completeness(session))
        session.save(update_fields=["round_result"])


def _require_open(session):
    if session.state == Session.State.CLOSED:
        raise SessionError(_("This session is closed; its minutes can no longer change."))


def save_note(session, item_key: str, by, reasons: str, remedy: str) -> AgendaNote:
    _require_open(session)
    note, _created = AgendaNote.objects.update_or_create(
        session=session,
        item_key=item_key,
        defaults={"reasons": reasons.strip(), "remedy": remedy.strip(), "recorded_by": by},
    )
    return note


def _decide(session, by, type_, parts, action=None) -> Decision:
    """Record a decision; `parts` ([[msgid, params], …]) render in each reader's language."""
    return Decision.objects.create(
        session=session,
        type=type_,
        parts=parts,
        summary=phrases.render(parts),  # the decider's wording, kept for search and exports
        action=action,
        decided_by=by,
    )


@transaction.atomic
def decide_new_action(session, membership, strategy, title, owner, due_date) -> Action:
    _require_open(session)
    action = action_rules.create_action(
        strategy,
        membership,
        title=title,
        owner=owner,
        due_date=due_date,
        start_date=timezone.localdate(),
    )
    owner_name = owner.display_name if owner else phrases.word(gettext_noop("nobody yet"))
    _decide(
        session,
        membership.user,
        Decision.Type.NEW_ACTION,
        [
            [
                gettext_noop("New action “%(title)s” in %(strategy)s, owner %(owner)s."),
                {"title": title, "strategy": strategy.title, "owner": owner_name},
            ]
        ],
        action,
    )
    return action


def _colour_word(colour):
    return phrases.word(Colour(colour).label) if colour else "—"


# What a session may adjust on an action: (decision type, how the minutes word it, how a value
# is named). Owner and due date are fields, changed by the actions app's versioned rule; the
# colour is that of the latest update, so deciding it posts an update.
ADJUSTMENTS = {
    "owner": (
        Decision.Type.OWNER,
        gettext_noop("“%(title)s”: owner %(before)s → %(after)s."),
        lambda user: user.display_name if user else "—",
    ),
    "due_date": (
        Decision.Type.DUE_DATE,
        gettext_noop("“%(title)s”: due date %(before)s → %(after)s."),
        phrases.day,
    ),
    "colour": (
        Decision.Type.COLOUR,
        gettext_noop("“%(title)s”: colour %(before)s → %(after)s."),
        _colour_word,
    ),
}


@transaction.atomic
def decide_adjustment(
    session, by, action, expected_version: int, owner=None, due_date=None, colour=""
) -> list:
    """Change owner, due date and/or colour of an action; one decision per change. Raises
    StaleEdit when someone saved the action since the session loaded it (`expected_version`):
    the session then sees their change before deciding again."""
    _require_open(session)
    if colour and colour not in Colour.values:
        raise SessionError(_("Choose green, orange or red."))
    try:
        changed = action_rules.adjust_action(
            action, expected_version, owner=owner, due_date=due_date
        )
    except action_rules.ActionError as error:
        raise SessionError(str(error)) from error
    if colour and colour != action.colour:
        changed["colour"] = (action.colour, colour)
        # The colour of an action is that of its latest update, so the decision is an update.
        action_rules.post_update(
            action,
            by,
            did=_("Colour set in the session of %(date)s.")
            % {"date": dates.day(session.starts_at)},
            progress=action.progress,
            colour=colour,
        )
    decisions = []
    for name, (before, after) in changed.items():
        type_, wording, named = ADJUSTMENTS[name]
        params = {"title": action.title, "before": named(before), "after": named(after)}
        decisions.append(_decide(session, by, type_, [[wording, params]], action))
    return decisions


@transaction.atomic
def decide_close(session, by, action, criterion, process="", carried_by=None) -> Decision:
    _require_open(session)
    try:
        action_rules.close_action(action, by, criterion, process, carried_by)
    except action_rules.ActionError as error:
        raise SessionError(str(error)) from error
    how = phrases.word(DoneCriterion(action.done_criterion).label)
    parts = [
        [gettext_noop("“%(title)s” closed as done: %(how)s."), {"title": action.title, "how": how}]
    ]
    # What the close kept: a process typed for a finished action is dropped with its person.
    process, carried_by = action.handover_process, action.handover_owner
    if process:
        parts.append(
            [
                gettext_noop("Carried on in “%(process)s” by %(person)s."),
                {"process": process, "person": carried_by.display_name},
            ]
        )
    return _decide(session, by, Decision.Type.CLOSED, parts, action)


@transaction.atomic
def decide_priorities(session, by, actions) -> list:
    """The quarter's priority actions become In progress in one step."""
    _require_open(session)
    decisions = []
    for action in actions:
        if action.status != Status.TODO:
            continue
        action_rules.set_status(action, Status.IN_PROGRESS)
        decisions.append(
            _decide(
                session,
                by,
                Decision.Type.PRIORITY,
                [
                    [
                        gettext_noop(
                            "“%(title)s” is a priority for next quarter: now in progress."
                        ),
                        {"title": action.title},
                    ]
                ],
                action,
            )
        )
    return decisions


def add_evaluation_item(session, by, topic, verdict, text) -> EvaluationItem:
    _require_open(session)
    if not text.strip():
        raise SessionError(_("Write what to start, keep or stop."))
    return EvaluationItem.objects.create(
        session=session, topic=topic, verdict=verdict, text=text.strip(), created_by=by
    )


def edit_evaluation_item(session, item: EvaluationItem, expected_version: int, **fields) -> None:
    """Reword one of this session's own entries while the session runs; versioned, so two
    people correcting the same entry on two screens cannot silently undo each other."""
    _require_open(session)
    text = fields.get("text", "").strip()
    if not text:
        raise SessionError(_("Write what to start, keep or stop."))
    item.topic, item.verdict, item.text = fields["topic"], fields["verdict"], text
    save_versioned(item, ["topic", "verdict", "text"], expected_version)


def delete_evaluation_item(session, item: EvaluationItem) -> None:
    """An entry added by mistake goes, while its session runs; once a later session reviewed
    it, it is part of that session's minutes and stays."""
    _require_open(session)
    if item.reviewed_in_id is not None:
        raise SessionError(_("This entry was reviewed in a later session; it stays."))
    item.delete()


def review_evaluation_item(session, item: EvaluationItem, review: str) -> None:
    _require_open(session)
    if review not in EvaluationItem.Review.values:
        raise SessionError(_("Unknown answer."))
    item.review, item.reviewed_in = review, session
    item.save(update_fields=["review", "reviewed_in"])


def draft_followup(session, actions, since, sender=None) -> str:
    """A first text for people outside the team: results achieved since `since` (the start of
    the period the session looks back on) and next priorities; `actions` are the plan's. It is
    signed by `sender`, who sends it."""
    finished = [
        a
        for a in actions
        if a.status == Status.DONE and a.closed_at and since and a.closed_at >= since
    ]
    priorities = [
        d.action
        for d in session.decisions.filter(type=Decision.Type.PRIORITY).select_related("action")
        if d.action
    ]
    if not priorities:
        priorities = [a for a in actions if a.status == Status.IN_PROGRESS][:10]
    lines = [
        _("Dear all,"),
        "",
        _("This is where %(plan)s stands after our steering session of %(date)s.")
        % {
            "plan": session.plan.name,
            "date": dates.day(session.starts_at),
        },
        "",
        _("Results achieved:"),
    ]
    lines += [f"- {a.title}" for a in finished] or [_("- (no actions finished this quarter)")]
    lines += ["", _("Our priorities for the next quarter:")]
    lines += [f"- {a.title}" for a in priorities] or [_("- (to be decided)")]
    lines += ["", _("Kind regards,")] + ([sender.display_name] if sender else [])
    return "\n".join(lines)


def mark_followup_sent(session) -> None:
    session.followup_sent_at = timezone.now()
    session.save(update_fields=["followup_sent_at"])
