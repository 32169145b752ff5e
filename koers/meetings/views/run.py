"""Session mode: the process owner walks the agenda on a shared screen; decisions change the plan
at once and are recorded as the session's minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can
from koers.actions.models import Action
from koers.lib import dates
from koers.lib.choices import offer
from koers.lib.ids import parse_id, parse_ids
from koers.lib.pagecache import cached_page
from koers.lib.versioning import StaleEdit
from koers.meetings import decisions, rules
from koers.meetings.access import get_session_for
from koers.meetings.agenda import CONCLUSIONS, build_agenda, flat_items
from koers.meetings.context import base_context
from koers.meetings.forms import (
    AdjustForm,
    CloseForm,
    EvaluationForm,
    NewActionForm,
    NoteForm,
    OgsmChangeForm,
)
from koers.meetings.loading import RUN, load_agenda_data, load_entries
from koers.meetings.models import EvaluationItem, Session
from koers.meetings.remedies import notes_and_last_agreed
from koers.plans.roles import people_on_plan


def _item_index(request, items) -> int:
    raw = request.GET.get("item") or request.POST.get("item_index") or "0"
    try:
        return max(0, min(int(raw), len(items) - 1))
    except ValueError:
        return 0


def _back(session, index: int):
    plan = session.plan
    url = reverse("meetings:run", args=[plan.workspace.slug, plan.pk, session.pk])
    return redirect(f"{url}?item={index}")


def _decision_forms(plan, item, strategies) -> dict:
    """The decision forms of session mode. Several list the team: they share one list, read once
    and only if the current item shows one of them; strategies come from the agenda's data.
    Each form is made only if the item on screen shows it (most items show none)."""
    people = SimpleLazyObject(lambda: list(people_on_plan(plan)))
    action = item.action if item else None

    def adjust():
        # Several decision forms share one page: distinct ids keep each label on its own field.
        form = AdjustForm(
            auto_id="adjust_%s",
            plan=plan,
            initial={
                "owner": action.owner_id if action else None,
                "due_date": action.due_date if action else None,
                "version": action.version if action else None,
            },
        )
        offer(form.fields["owner"], people)
        return form

    def close():
        form = CloseForm(plan=plan, auto_id="close_%s")
        offer(form.fields["carried_by"], people)
        return form

    def new_action():
        form = NewActionForm(
            auto_id="new_%s",
            plan=plan,
            initial={"strategy": item.strategy.pk if item and item.strategy else None},
        )
        offer(form.fields["owner"], people)
        offer(form.fields["strategy"], strategies)
        return form

    return {
        "adjust_form": SimpleLazyObject(adjust),
        "close_form": SimpleLazyObject(close),
        "new_action_form": SimpleLazyObject(new_action),
        "people": people,  # the proposals item: whom an accepted action goes to
        "moves": [("up", _("Up"), "↑"), ("down", _("Down"), "↓")],  # the priority order
    }


@login_required
@require_http_methods(["GET", "POST"])
def run(request, slug, plan_id, session_id):
    session, plan, membership = get_session_for(
        request, slug, plan_id, session_id, need=Can.RUN_SESSIONS, with_draft=True
    )
    # Every decision writes, so the copy is fresh after each step; walking the agenda is served
    # from the cache (?item= and htmx-ness are in the key; a boosted request gets the whole
    # page, so a partial, if one is added, must be in the template name passed here). A step's
    # message shows on a fresh render: cached_page does not cache pages with messages.
    return cached_page(
        request,
        "meetings/run.html",
        plan.workspace,
        lambda: _run_context(request, session, plan, membership),
    )


def _run_context(request, session, plan, membership):
    from koers.meetings.views.run_ogsm import ogsm_context  # it builds on this module's steps
    from koers.meetings.views.run_plan import plan_step_context

    data = load_agenda_data(session, RUN)
    sections = build_agenda(data)
    items = flat_items(sections)
    for position, entry in enumerate(items):
        entry.index = position
    index = _item_index(request, items)
    item = items[index] if items else None
    evaluation = load_entries(item, session)  # only the item on screen shows its entries
    action = item.action if item is not None else None  # only the action on screen
    notes, last = notes_and_last_agreed(session, action.pk if action is not None else None)
    if action is not None:
        item.last_agreed = last
    note = notes.get(item.key) if item else None
    decisions = list(session.decisions.select_related("decided_by"))
    return base_context(
        plan,
        membership,
        session=session,
        sections=sections,
        items=items,
        item=item,
        index=index,
        notes=notes,
        note_form=NoteForm(
            initial={
                "item_key": item.key if item else "",
                "reasons": note.reasons if note else "",
                "remedy": note.remedy if note else "",
            }
        ),
        **_decision_forms(plan, item, data.strategies),
        evaluation_form=EvaluationForm(),
        review_choices=EvaluationItem.Review.choices[1:],  # every answer but "not reviewed yet"
        evaluation=evaluation,
        **_entry_editing(request, evaluation),
        decisions=decisions,
        ogsm_change_form=OgsmChangeForm(auto_id="ogsm_%s"),
        **ogsm_context(item, session, plan),
        **plan_step_context(item, plan, data, decisions),
    )


def _entry_editing(request, evaluation) -> dict:
    """`?edit=<pk>` opens one of this session's start/keep/stop entries for rewording."""
    entry = next((e for e in evaluation if str(e.pk) == request.GET.get("edit")), None)
    if entry is None:
        return {"editing": None, "edit_form": None}
    initial = {"topic": entry.topic, "verdict": entry.verdict, "text": entry.text}
    form = EvaluationForm(auto_id="edit_%s", initial={**initial, "version": entry.version})
    return {"editing": entry, "edit_form": form}


def _session_post(request, slug, plan_id, session_id):
    session, plan, membership = get_session_for(
        request, slug, plan_id, session_id, need=Can.RUN_SESSIONS
    )
    return session, plan, membership, request.POST.get("item_index", "0")


def _refuse(request, session, plan, membership, error):
    """A step that changed nothing: the same agenda item again, with the reason, as a 422 (so
    htmx and tests see the refusal; a browser shows the page as it is)."""
    messages.error(request, str(error))
    context = _run_context(request, session, plan, membership)
    return render(request, "meetings/run.html", context, status=422)


def _decision(request, slug, plan_id, session_id, build_form, decide):
    """Every session-mode step: check the form, let `decide` change the plan, say what
    happened, and return to the same agenda item."""
    session, plan, membership, index = _session_post(request, slug, plan_id, session_id)
    form = build_form(plan)
    if not form.is_valid():
        errors = " ".join(e for errors in form.errors.values() for e in errors)
        return _refuse(request, session, plan, membership, errors)
    try:
        message = decide(session, plan, membership, form.cleaned_data)
    except rules.SessionError as error:
        return _refuse(request, session, plan, membership, error)
    if message:
        messages.success(request, message)
    return _back(session, index)


def _action(plan, request):
    action_id = parse_id(request.POST.get("action"))
    action = (
        Action.objects.select_related("owner", "pending_owner", "strategy")
        .filter(pk=action_id, strategy__plan=plan, archived_at__isnull=True)
        .first()
        if action_id
        else None
    )
    if action is None:
        raise rules.SessionError(_("Choose an action of this plan."))
    return action


@login_required
@require_POST
def start(request, slug, plan_id, session_id):
    session, plan, membership, _index = _session_post(request, slug, plan_id, session_id)
    try:
        decisions.start_session(session)
    except rules.SessionError as error:
        return _refuse(request, session, plan, membership, error)
    return _back(session, 0)


@login_required
@require_safe
def end_confirm(request, slug, plan_id, session_id):
    """Ending closes the minutes for good: first say what they hold, and what is still empty."""
    session, plan, membership = get_session_for(
        request, slug, plan_id, session_id, need=Can.RUN_SESSIONS
    )
    if session.state == Session.State.CLOSED:
        return redirect("meetings:minutes", slug, plan.pk, session.pk)
    notes = set(session.notes.values_list("item_key", flat=True))
    context = base_context(
        plan,
        membership,
        session=session,
        decisions=session.decisions.count(),
        notes=len(notes),
        concluded=CONCLUSIONS in notes,
        conclusions_index=request.GET.get("item", ""),
    )
    return render(request, "meetings/end_confirm.html", context)


@login_required
@require_POST
def end(request, slug, plan_id, session_id):
    session, plan, _m, _index = _session_post(request, slug, plan_id, session_id)
    decisions.close_session(session)
    messages.success(request, _("The session is closed. Here are its minutes."))
    return redirect("meetings:minutes", slug, plan.pk, session.pk)


@login_required
@require_POST
def note(request, slug, plan_id, session_id):
    def decide(session, plan, membership, data):
        decisions.save_note(
            session, data["item_key"], request.user, data["reasons"], data["remedy"]
        )
        return _("Noted.")

    return _decision(
        request, slug, plan_id, session_id, lambda plan: NoteForm(request.POST), decide
    )


@login_required
@require_POST
def adjust(request, slug, plan_id, session_id):
    def decide(session, plan, membership, data):
        action = _action(plan, request)
        try:
            version = data.pop("version")
            changed = decisions.decide_adjustment(session, request.user, action, version, **data)
        except StaleEdit as error:
            raise rules.SessionError(
                _(
                    "Someone changed “%(title)s” while the session looked at it: the owner is "
                    "now %(owner)s, due %(due)s. Nothing was changed; check and decide again."
                )
                % {
                    "title": action.title,
                    "owner": action.owner.display_name if action.owner else "—",
                    "due": dates.day(action.due_date) if action.due_date else "—",
                }
            ) from error
        return ngettext("%(n)s change recorded.", "%(n)s changes recorded.", len(changed)) % {
            "n": len(changed)
        }

    return _decision(
        request,
        slug,
        plan_id,
        session_id,
        lambda plan: AdjustForm(request.POST, plan=plan),
        decide,
    )


@login_required
@require_POST
def close_action(request, slug, plan_id, session_id):
    def decide(session, plan, membership, data):
        action = _action(plan, request)
        decisions.decide_close(
            session, request.user, action, data["criterion"], data["process"], data["carried_by"]
        )
        return _("“%(title)s” is done.") % {"title": action.title}

    return _decision(
        request,
        slug,
        plan_id,
        session_id,
        lambda plan: CloseForm(request.POST, plan=plan),
        decide,
    )


@login_required
@require_POST
def new_action(request, slug, plan_id, session_id):
    def decide(session, plan, membership, data):
        decisions.decide_new_action(session, membership, **data)
        return _("New action added to the plan.")

    return _decision(
        request,
        slug,
        plan_id,
        session_id,
        lambda plan: NewActionForm(request.POST, plan=plan),
        decide,
    )


@login_required
@require_POST
def priorities(request, slug, plan_id, session_id):
    session, plan, membership, index = _session_post(request, slug, plan_id, session_id)
    ids = parse_ids(request.POST.getlist("actions"))
    if ids is None:
        error = _("Choose the priorities among the plan's actions.")
        return _refuse(request, session, plan, membership, error)
    chosen = Action.objects.filter(
        pk__in=ids, strategy__plan=plan, archived_at__isnull=True
    ).select_related("strategy")
    try:
        decided = decisions.decide_priorities(session, request.user, chosen)
    except rules.SessionError as error:
        return _refuse(request, session, plan, membership, error)
    messages.success(
        request,
        ngettext("%(n)s action now in progress.", "%(n)s actions now in progress.", len(decided))
        % {"n": len(decided)},
    )
    return _back(session, index)
