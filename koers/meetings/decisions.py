"""Session mode's decisions: starting and ending a session, notes, and decisions that change
the plan on the spot.

Every decision calls the action plan's own rules (koers.actions.rules) and is recorded as a
Decision, so the minutes say who decided what and which plan change followed.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from koers.actions import rules as action_rules
from koers.actions.models import Action, Colour, DoneCriterion, Status
from koers.lib import dates, phrases
from koers.lib.versioning import (
    save_versioned,
)
from koers.meetings import answers
from koers.meetings.models import (
    AgendaNote,
    Decision,
    EvaluationItem,
    Session,
)
from koers.meetings.rounds import completeness
from koers.meetings.rules import SessionError


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


def require_open(session):
    if session.state == Session.State.CLOSED:
        raise SessionError(_("This session is closed; its minutes can no longer change."))


def save_note(session, item_key: str, by, reasons: str, remedy: str) -> AgendaNote:
    require_open(session)
    note, _created = AgendaNote.objects.update_or_create(
        session=session,
        item_key=item_key,
        defaults={"reasons": reasons.strip(), "remedy": remedy.strip(), "recorded_by": by},
    )
    return note


def record_decision(session, by, type_, parts, action=None) -> Decision:
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
    require_open(session)
    action = action_rules.create_action(
        strategy,
        membership,
        title=title,
        owner=owner,
        due_date=due_date,
        start_date=timezone.localdate(),
    )
    owner_name = owner.display_name if owner else phrases.word(gettext_noop("nobody yet"))
    record_decision(
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
    require_open(session)
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
        decisions.append(record_decision(session, by, type_, [[wording, params]], action))
    return decisions


@transaction.atomic
def decide_close(session, by, action, criterion, process="", carried_by=None) -> Decision:
    require_open(session)
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
    return record_decision(session, by, Decision.Type.CLOSED, parts, action)


@transaction.atomic
def decide_priorities(session, by, actions) -> list:
    """The quarter's priority actions become In progress in one step."""
    require_open(session)
    decisions = []
    for action in actions:
        if action.status != Status.TODO:
            continue
        action_rules.set_status(action, Status.IN_PROGRESS)
        decisions.append(
            record_decision(
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
    require_open(session)
    if not text.strip():
        raise SessionError(_("Write what to start, keep or stop."))
    return EvaluationItem.objects.create(
        session=session, topic=topic, verdict=verdict, text=text.strip(), created_by=by
    )


def edit_evaluation_item(session, item: EvaluationItem, expected_version: int, **fields) -> None:
    """Reword one of this session's own entries while the session runs; versioned, so two
    people correcting the same entry on two screens cannot silently undo each other."""
    require_open(session)
    text = fields.get("text", "").strip()
    if not text:
        raise SessionError(_("Write what to start, keep or stop."))
    item.topic, item.verdict, item.text = fields["topic"], fields["verdict"], text
    save_versioned(item, ["topic", "verdict", "text"], expected_version)


def delete_evaluation_item(session, item: EvaluationItem) -> None:
    """An entry added by mistake goes, while its session runs; once a later session reviewed
    it, it is part of that session's minutes and stays."""
    require_open(session)
    if item.reviewed_in_id is not None:
        raise SessionError(_("This entry was reviewed in a later session; it stays."))
    item.delete()


def review_evaluation_item(session, item: EvaluationItem, review: str) -> None:
    require_open(session)
    if review not in EvaluationItem.Review.values:
        raise SessionError(_("Unknown answer."))
    item.review, item.reviewed_in = review, session
    item.save(update_fields=["review", "reviewed_in"])
