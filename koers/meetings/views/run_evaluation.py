"""Session mode's start/keep/stop steps: this session's evaluation entries (add, reword,
remove) and the review of those agreed in earlier sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.lib.versioning import STALE_MESSAGE, StaleEdit
from koers.meetings import decisions, rules
from koers.meetings.forms import EvaluationForm, ReviewForm
from koers.meetings.models import EvaluationItem
from koers.meetings.views.run import _back, _decision, _refuse, _session_post


@login_required
@require_POST
def evaluation(request, slug, plan_id, session_id):
    def decide(session, plan, membership, data):
        data.pop("version")
        entry = decisions.add_evaluation_item(session, request.user, **data)
        return _("Added: “%(text)s”.") % {"text": entry.text}

    return _decision(
        request, slug, plan_id, session_id, lambda plan: EvaluationForm(request.POST), decide
    )


def _own_entry(session, pk):
    return get_object_or_404(EvaluationItem, pk=pk, session=session)


@login_required
@require_POST
def evaluation_edit(request, slug, plan_id, session_id, entry_id):
    def decide(session, plan, membership, data):
        entry = _own_entry(session, entry_id)
        try:
            version = data.pop("version")
            decisions.edit_evaluation_item(
                session, entry, entry.version if version is None else version, **data
            )
        except StaleEdit as error:
            raise rules.SessionError(STALE_MESSAGE) from error
        return _("Changed: “%(text)s”.") % {"text": entry.text}

    return _decision(
        request, slug, plan_id, session_id, lambda plan: EvaluationForm(request.POST), decide
    )


@login_required
@require_POST
def evaluation_delete(request, slug, plan_id, session_id, entry_id):
    session, plan, membership, index = _session_post(request, slug, plan_id, session_id)
    entry = _own_entry(session, entry_id)
    try:
        decisions.delete_evaluation_item(session, entry)
    except rules.SessionError as error:
        return _refuse(request, session, plan, membership, error)
    messages.success(request, _("Removed: “%(text)s”.") % {"text": entry.text})
    return _back(session, index)


@login_required
@require_POST
def review(request, slug, plan_id, session_id):
    def decide(session, plan, membership, data):
        item = EvaluationItem.objects.filter(pk=data["item"], session__plan=plan).first()
        if item is None:
            raise rules.SessionError(_("This start/keep/stop item is not of this plan."))
        decisions.review_evaluation_item(session, item, data["review"])
        return _("“%(text)s”: %(answer)s.") % {
            "text": item.text,
            "answer": item.get_review_display(),
        }

    return _decision(
        request, slug, plan_id, session_id, lambda plan: ReviewForm(request.POST), decide
    )
