"""The follow-up message a steering session ends with, for its stakeholders."""

from django.utils import timezone
from django.utils.translation import gettext as _

from koers.actions.models import Status
from koers.lib import dates
from koers.meetings.models import (
    Decision,
)


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
