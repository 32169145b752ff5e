"""Session decisions on the OGSM itself: "must the OGSM change?" (steering session), the plan
session's bottom-up edits and its final "update the OGSM".

Every edit goes into the draft of the next version through the functions the draft editor uses
(`plans.versions`: start_draft, find/set_item/add_item/remove_item, save_draft, activate), so
there is one code path; the draft's `version` makes a colleague's edit meanwhile a conflict.
Each step is a Decision worded from `plans.compare`, so the minutes list every change.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from koers.lib import phrases
from koers.lib.versioning import StaleEdit
from koers.meetings.decisions import record_decision, require_open
from koers.meetings.models import Decision
from koers.meetings.rules import SessionError
from koers.plans import versions
from koers.plans.compare import compare
from koers.plans.models import PlanVersion

KIND_WORDS = {
    "objective": gettext_noop("Objective"),
    "goal": gettext_noop("Goal"),
    "strategy": gettext_noop("Strategy"),
    "measure": gettext_noop("Measure"),
}
CHANGE_WORDS = {
    "added": gettext_noop("added"),
    "retired": gettext_noop("retired"),
    "renamed": gettext_noop("renamed"),
    "reowned": gettext_noop("new owner"),
    "retargeted": gettext_noop("new target"),
    "moved": gettext_noop("moved to another strategy"),
    "edited": gettext_noop("changed"),
}
STALE = _(
    "Someone else changed the draft of the next version meanwhile; look again and decide again."
)


@transaction.atomic
def decide_ogsm_change(session, by, must_change: bool, proposals: str) -> Decision:
    """The steering session's answer. Yes starts the draft of the next version (or adds to the
    one already open) and records the proposals; no is recorded too."""
    require_open(session)
    proposals = proposals.strip()
    if not must_change:
        parts = [[gettext_noop("The OGSM stays as it is."), {}]]
        if proposals:
            parts.append([gettext_noop("Noted: %(text)s"), {"text": proposals}])
        return record_decision(session, by, Decision.Type.OGSM_KEEP, parts)
    if not proposals:
        raise SessionError(_("Say what must change: the proposals go with the draft."))
    draft = versions.start_draft(session.plan, by)
    parts = [
        [
            gettext_noop("The OGSM must change; proposals for version %(number)s: %(text)s"),
            {"number": draft.number, "text": proposals},
        ]
    ]
    return record_decision(session, by, Decision.Type.OGSM_CHANGE, parts)


def _word(change) -> list:
    """One change of the draft, for the minutes."""
    params = {
        "kind": phrases.word(KIND_WORDS[change.kind]),
        "title": change.title,
        "change": phrases.word(CHANGE_WORDS.get(change.change, CHANGE_WORDS["edited"])),
    }
    if change.old or change.new:
        # The sentence ends with its own full stop: a new description ending in one would
        # read "….." in the minutes.
        new = change.new[:-1] if change.new.endswith(".") else change.new
        params |= {"old": change.old or "–", "new": new or "–"}
        return [gettext_noop("%(kind)s “%(title)s”: %(change)s, %(old)s → %(new)s."), params]
    return [gettext_noop("%(kind)s “%(title)s”: %(change)s."), params]


@transaction.atomic
def decide_draft_edit(session, by, draft, expected_version: int, edit) -> list[Decision]:
    """Apply `edit(content)` (one of the versions.* content edits) to the draft and record each
    resulting change as a decision. StaleEdit if the draft changed since the session saw it."""
    require_open(session)
    before = versions.draft_content(draft)
    after = versions.draft_content(draft)
    edit(after)
    versions.save_draft(draft, after, expected_version)
    decisions = []
    for change in compare(before, after):
        parts = [
            [gettext_noop("Draft of version %(number)s:"), {"number": draft.number}],
            _word(change),
        ]
        decisions.append(record_decision(session, by, Decision.Type.DRAFT_EDIT, parts))
    return decisions


@transaction.atomic
def decide_activation(session, by, draft, expected_version: int, reason: str) -> Decision:
    """ "Update the OGSM": the draft, as the session saw it compared, becomes the active version
    with the session as its reason."""
    require_open(session)
    if draft.status != PlanVersion.Status.DRAFT or draft.version != expected_version:
        raise StaleEdit
    reason = reason.strip() or str(_("Decided in the plan session."))
    versions.activate(draft, by, reason[:300])
    parts = [
        [
            gettext_noop("Version %(number)s of the OGSM is now active: %(reason)s"),
            {"number": draft.number, "reason": reason[:300]},
        ]
    ]
    return record_decision(session, by, Decision.Type.ACTIVATED, parts)
