"""The plan session's decisions on what it evaluates: each strength, vulnerability, opportunity
and risk (respond or ignore for now), and the KPIs' milestones.

They go through the owning apps' rules: the SWOT's `analysis.swot.decide` (versioned), a new
action through `decide_new_action` (actions.rules), a new strategy into the draft of the next
version through `ogsm.decide_draft_edit` (the draft editor's functions), a milestone through
`dashboard.services.change_milestone`. Each is a Decision in the minutes.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from koers.analysis import swot
from koers.analysis.errors import AnalysisError
from koers.analysis.models import Decision as SwotDecision
from koers.dashboard import services
from koers.lib import phrases
from koers.meetings import ogsm
from koers.meetings.decisions import decide_new_action, record_decision, require_open
from koers.meetings.models import Decision
from koers.meetings.rules import SessionError
from koers.plans import versions

SWOT_WORDS = {
    "strength": gettext_noop("Strength"),
    "vulnerability": gettext_noop("Vulnerability"),
    "opportunity": gettext_noop("Opportunity"),
    "risk": gettext_noop("Risk"),
}
SWOT_STALE = gettext_lazy(
    "Someone changed this item or the draft of the next version meanwhile; look again and "
    "decide again."
)
RESPONSES = {
    "strategy": gettext_noop("%(kind)s “%(text)s”: we respond with strategy “%(title)s”."),
    "action": gettext_noop("%(kind)s “%(text)s”: we respond with action “%(title)s”."),
    "new_action": gettext_noop("%(kind)s “%(text)s”: we respond with the new action “%(title)s”."),
    "new_strategy": gettext_noop(
        "%(kind)s “%(text)s”: we respond with a new strategy “%(title)s” in the draft of "
        "version %(number)s."
    ),
}
# A strategy proposed in answer to an item carries the item into the draft as its description
# (the step's form asks only for a title), so whoever edits the draft, and the plan once it is
# active, sees why the strategy is there. Written once, in the language of whoever decides,
# like any text typed into the plan.
ORIGINS = {
    "strength": gettext_lazy("In response to the strength “%(text)s”."),
    "vulnerability": gettext_lazy("In response to the vulnerability “%(text)s”."),
    "opportunity": gettext_lazy("In response to the opportunity “%(text)s”."),
    "risk": gettext_lazy("In response to the risk “%(text)s”."),
}


@transaction.atomic
def decide_swot(session, membership, item, expected_version, decision, reason="", response=None):
    """Respond to a SWOT item or ignore it for now. `response` says with what:
    ("strategy", Strategy), ("action", Action), ("new_action", (strategy, title)) or
    ("new_strategy", (plan, the draft's version as seen or None, values)): the new strategy
    goes into the draft of the next version, the new action joins the action plan at once.
    StaleEdit when the item or the draft changed since the session saw it."""
    require_open(session)
    by = membership.user
    params = {"kind": phrases.word(SWOT_WORDS[item.kind]), "text": item.description}
    chosen = {}
    try:
        if decision == SwotDecision.IGNORE:
            swot.decide(item, by, decision, reason=reason, expected_version=expected_version)
            wording = gettext_noop("%(kind)s “%(text)s”: we ignore it for now: %(reason)s")
            return record_decision(
                session, by, Decision.Type.SWOT, [[wording, params | {"reason": reason.strip()}]]
            )
        if response is None:
            raise SessionError(
                _("Choose what we respond with: a strategy, an action, or a new one.")
            )
        how, target = response
        if how == "new_action":
            strategy, title = target
            chosen["action"] = decide_new_action(session, membership, strategy, title, None, None)
            params["title"] = title
        elif how == "new_strategy":
            plan, draft_version, values = target
            if not values.get("description"):
                values = values | {"description": ORIGINS[item.kind] % {"text": item.description}}
            draft = versions.start_draft(plan, by)  # the open draft, or its start
            keys = []  # the new strategy's key in the draft, which the item waits for
            ogsm.decide_draft_edit(
                session,
                by,
                draft,
                draft.version if draft_version is None else draft_version,
                lambda content: keys.append(versions.add_item(content, "strategy", values)),
            )
            chosen |= {"response": values["title"], "draft": draft, "draft_key": keys[0]}
            params |= {"title": values["title"], "number": draft.number}
        else:
            chosen[how] = target
            params["title"] = target.title
        swot.decide(item, by, decision, expected_version=expected_version, **chosen)
    except AnalysisError as error:
        raise SessionError(str(error)) from error
    return record_decision(
        session, by, Decision.Type.SWOT, [[RESPONSES[how], params]], chosen.get("action")
    )


def _amount(value) -> str:
    return "—" if value is None else format(value.normalize(), "f")


@transaction.atomic
def decide_milestone(session, by, kpi, period, value, seen: str) -> Decision | None:
    """Set, change or (value None) remove a KPI's milestone for a period, at once (see
    docs/architecture.md: milestones are the dashboard's, not the OGSM version's). StaleEdit
    when the KPI's milestones changed since the session saw them; None when nothing changed."""
    require_open(session)
    period, before = services.change_milestone(kpi, period, value, seen)
    if before == value:
        return None
    parts = [
        [
            gettext_noop("KPI “%(name)s”: milestone for %(period)s %(before)s → %(after)s."),
            {
                "name": kpi.name,
                "period": phrases.month(period),
                "before": _amount(before),
                "after": _amount(value),
            },
        ]
    ]
    return record_decision(session, by, Decision.Type.MILESTONE, parts)
