"""Session mode's steps on the priorities and on members' proposals (rules in
meetings/priorities.py): back to To do, up or down the strategy's order, accept or reject."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.lib.versioning import StaleEdit
from koers.meetings import priorities
from koers.meetings.forms import (
    AcceptProposalForm,
    ActionVersionForm,
    PriorityMoveForm,
    RejectProposalForm,
)
from koers.meetings.rules import SessionError
from koers.meetings.views.run import _action, _decision


def _step(request, slug, plan_id, session_id, build_form, decide):
    """Each step decides on the posted action at the version the session saw; a colleague's
    save meanwhile is a conflict, shown on the same item, and nothing changes."""

    def on_action(session, plan, membership, data):
        action = _action(plan, request)
        try:
            return decide(session, action, data.pop("version"), data)
        except StaleEdit as error:
            raise SessionError(
                _(
                    "Someone changed “%(title)s” while the session looked at it. Nothing was "
                    "changed; check and decide again."
                )
                % {"title": action.title}
            ) from error

    return _decision(request, slug, plan_id, session_id, build_form, on_action)


@login_required
@require_POST
def back_to_todo(request, slug, plan_id, session_id):
    def decide(session, action, version, data):
        priorities.decide_back_to_todo(session, request.user, action, version)
        return _("“%(title)s” is back in To do.") % {"title": action.title}

    return _step(
        request, slug, plan_id, session_id, lambda plan: ActionVersionForm(request.POST), decide
    )


@login_required
@require_POST
def reorder(request, slug, plan_id, session_id):
    def decide(session, action, version, data):
        step = -1 if data["direction"] == "up" else 1
        if priorities.decide_reorder(session, request.user, action, version, step) is None:
            return _("“%(title)s” already stands there.") % {"title": action.title}
        return _("The priority order of %(strategy)s changed.") % {
            "strategy": action.strategy.title
        }

    return _step(
        request, slug, plan_id, session_id, lambda plan: PriorityMoveForm(request.POST), decide
    )


@login_required
@require_POST
def accept_proposal(request, slug, plan_id, session_id):
    def decide(session, action, version, data):
        priorities.decide_accept_proposal(
            session, request.user, action, version, data["owner"], data["due_date"]
        )
        return _("“%(title)s” is accepted into the action plan.") % {"title": action.title}

    return _step(
        request,
        slug,
        plan_id,
        session_id,
        lambda plan: AcceptProposalForm(request.POST, plan=plan),
        decide,
    )


@login_required
@require_POST
def reject_proposal(request, slug, plan_id, session_id):
    def decide(session, action, version, data):
        priorities.decide_reject_proposal(session, request.user, action, version, data["reason"])
        return _("The proposal “%(title)s” is rejected.") % {"title": action.title}

    return _step(
        request, slug, plan_id, session_id, lambda plan: RejectProposalForm(request.POST), decide
    )
