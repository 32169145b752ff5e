"""Session decisions on the action plan's priorities and on members' proposals: an action moved
back to To do, one moved up or down its strategy's priority order, a proposal accepted (with an
owner and a due date) or rejected (with the reason). Each changes the action only through
`actions.rules.adjust_action` (versioned) and is a Decision in the minutes."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from koers.actions import rules as action_rules
from koers.actions.models import Status
from koers.lib import phrases
from koers.meetings.decisions import record_decision, require_open
from koers.meetings.models import Decision
from koers.meetings.rules import SessionError


def _adjust(action, expected_version: int, **changes) -> dict:
    try:
        return action_rules.adjust_action(action, expected_version, **changes)
    except action_rules.ActionError as error:
        raise SessionError(str(error)) from error


@transaction.atomic
def decide_back_to_todo(session, by, action, expected_version: int) -> Decision | None:
    """An action in progress goes back to To do: not a priority for the coming period."""
    require_open(session)
    if action.status != Status.IN_PROGRESS:
        raise SessionError(_("Only an action in progress can go back to To do."))
    if not _adjust(action, expected_version, status=Status.TODO):
        return None
    wording = gettext_noop("“%(title)s” is no priority for now: back to To do.")
    return record_decision(
        session, by, Decision.Type.BACK_TO_TODO, [[wording, {"title": action.title}]], action
    )


@transaction.atomic
def decide_reorder(session, by, action, expected_version: int, step: int) -> Decision | None:
    """One place up or down the strategy's priority order; None when it stands at the end."""
    require_open(session)
    try:
        moved = action_rules.reorder_action(action, expected_version, step)
    except action_rules.ActionError as error:
        raise SessionError(str(error)) from error
    if moved is None:
        return None
    place, total = moved
    wording = gettext_noop(
        "“%(title)s” moved %(way)s in the priorities of %(strategy)s: now %(place)s of %(total)s."
    )
    way = phrases.word(gettext_noop("up") if step < 0 else gettext_noop("down"))
    params = {
        "title": action.title,
        "way": way,
        "strategy": action.strategy.title,
        "place": place,
        "total": total,
    }
    return record_decision(session, by, Decision.Type.REORDERED, [[wording, params]], action)


@transaction.atomic
def decide_accept_proposal(session, by, action, expected_version: int, owner, due_date):
    """A member's proposal becomes an action of the plan, with its owner and due date."""
    require_open(session)
    if not action.proposed:
        raise SessionError(_("This action is not a proposal."))
    _adjust(action, expected_version, proposed=False, owner=owner, due_date=due_date)
    proposer = action.proposed_by.display_name if action.proposed_by else "—"
    wording = gettext_noop(
        "Proposal “%(title)s” by %(proposer)s accepted: owner %(owner)s, due %(due)s."
    )
    params = {
        "title": action.title,
        "proposer": proposer,
        "owner": owner.display_name,
        "due": phrases.day(due_date),
    }
    return record_decision(session, by, Decision.Type.ACCEPTED, [[wording, params]], action)


@transaction.atomic
def decide_reject_proposal(session, by, action, expected_version: int, reason: str):
    """A member's proposal leaves the plan (kept with its history), with the reason."""
    require_open(session)
    reason = reason.strip()
    if not reason:
        raise SessionError(_("Say why the proposal is rejected."))
    if not action.proposed:
        raise SessionError(_("This action is not a proposal."))
    _adjust(action, expected_version, archived_at=timezone.now())
    proposer = action.proposed_by.display_name if action.proposed_by else "—"
    wording = gettext_noop("Proposal “%(title)s” by %(proposer)s rejected: %(reason)s")
    params = {"title": action.title, "proposer": proposer, "reason": reason}
    return record_decision(session, by, Decision.Type.REJECTED, [[wording, params]], action)
