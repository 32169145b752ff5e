"""Session mode's steps on the OGSM itself (rules in meetings/ogsm.py): "must the OGSM change?",
the plan session's guided edits of the draft of the next version, and "update the OGSM"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koers.lib import dates
from koers.lib.choices import offer
from koers.lib.versioning import StaleEdit
from koers.meetings import ogsm
from koers.meetings.forms import ActivateForm, DraftStepForm, OgsmChangeForm
from koers.meetings.kinds import ItemKind
from koers.meetings.rules import SessionError
from koers.meetings.views.run import _back, _decision, _refuse, _session_post
from koers.plans import versions
from koers.plans.compare import compare
from koers.plans.forms import draft_item_form
from koers.plans.roles import people_on_plan

DRAFT_KINDS = {
    ItemKind.DRAFT_STRATEGY,
    ItemKind.DRAFT_NEW_STRATEGY,
    ItemKind.DRAFT_DASHBOARD,
    ItemKind.DRAFT_GOALS,
}
OGSM_KINDS = DRAFT_KINDS | {ItemKind.UPDATE_OGSM, ItemKind.OGSM_CHANGE}


def ogsm_context(item, session, plan) -> dict:
    """What the OGSM items show: the draft (session mode's door brings it along as `plan.draft`)
    and the plan editor's forms for the items of the one on screen."""
    if item is None or item.kind not in OGSM_KINDS - {ItemKind.OGSM_CHANGE}:
        return {}
    draft = plan.draft if hasattr(plan, "draft") else versions.draft_of(plan)
    if item.kind == ItemKind.UPDATE_OGSM:
        # What activating applies: the draft's own changes (activate merges them three-way,
        # so corrections made to the active plan meanwhile stay); the full comparison with the
        # live plan is one link away.
        changes = compare(draft.base, draft.content) if draft else []
        reason = _("Plan session of %(date)s") % {"date": dates.day(session.starts_at)}
        form = ActivateForm(
            auto_id="activate_%s",
            initial={"reason": reason, "draft_version": draft.version if draft else None},
        )
        return {"draft": draft, "draft_changes": changes, "activate_form": form}
    if draft is None:
        return {"draft": None, "draft_rows": []}
    content = draft.content
    people = SimpleLazyObject(lambda: list(people_on_plan(plan)))

    def form(kind, key, values, parent=None):
        built = draft_item_form(kind, plan, values, auto_id=f"{key}_%s")
        if kind == "strategy":
            offer(built.fields["owner"], people)
        return {"kind": kind, "key": key, "values": values, "form": built, "parent": parent}

    rows = []
    if item.kind == ItemKind.DRAFT_STRATEGY:
        found = versions.find(content, f"s{item.strategy.pk}")
        if found is not None:
            rows.append(form("strategy", found[1]["key"], found[1]))
    elif item.kind == ItemKind.DRAFT_NEW_STRATEGY:
        rows = [form("strategy", s["key"], s) for s in content.get("strategies", [])]
        rows = [r for r in rows if r["values"]["id"] is None]
        rows.append(form("strategy", "new-strategy", None))
    elif item.kind == ItemKind.DRAFT_DASHBOARD:
        for strategy in content.get("strategies", []):
            rows.append({"heading": strategy["title"]})
            rows += [form("measure", m["key"], m) for m in strategy.get("measures", [])]
            rows.append(form("measure", f"new-{strategy['key']}", None, parent=strategy["key"]))
    else:
        rows = [form("goal", g["key"], g) for g in content.get("goals", [])]
        rows.append(form("goal", "new-goal", None))
    return {"draft": draft, "draft_rows": rows}


@login_required
@require_POST
def ogsm_change(request, slug, plan_id, session_id):
    def decide(session, plan, membership, data):
        yes = data["answer"] == "yes"
        ogsm.decide_ogsm_change(session, request.user, yes, data["proposals"])
        if yes:
            return _("Recorded; the proposals are with the draft of the next version.")
        return _("Recorded: the OGSM stays as it is.")

    return _decision(
        request, slug, plan_id, session_id, lambda plan: OgsmChangeForm(request.POST), decide
    )


def _edit(step, plan, cleaned):
    """The content edit for a step, as the draft editor makes it (plans.versions)."""
    op, kind, key, parent = step["op"], step["kind"], step["key"], step["parent"]
    if op == "remove":
        return lambda content: versions.remove_item(content, key)
    values = versions.plain_values(kind, cleaned)
    if op == "add":
        return lambda content: versions.add_item(content, kind, values, parent or None)
    return lambda content: versions.set_item(content, key, values)


@login_required
@require_POST
def draft_edit(request, slug, plan_id, session_id):
    session, plan, membership, index = _session_post(request, slug, plan_id, session_id)
    step = DraftStepForm(request.POST)
    if not step.is_valid():
        return _refuse(request, session, plan, membership, _("This change cannot be made."))
    step = step.cleaned_data
    draft = versions.draft_of(plan)
    try:
        if draft is None:
            raise StaleEdit  # activated or discarded meanwhile
        expected = step["draft_version"]
        content = draft.content
        target = step["parent"] if step["op"] == "add" else step["key"]
        found = versions.find(content, target or "")
        if step["op"] == "add" and step["kind"] != "measure":
            found = True
        elif found is None or found[0] != ("strategy" if step["op"] == "add" else step["kind"]):
            raise StaleEdit  # the item left the draft meanwhile
        cleaned = {}
        if step["op"] != "remove":
            values = found[1] if step["op"] == "edit" else None
            form = draft_item_form(step["kind"], plan, values, request.POST)
            if not form.is_valid():
                errors = " ".join(e for errs in form.errors.values() for e in errs)
                return _refuse(request, session, plan, membership, errors)
            cleaned = form.cleaned_data
        decided = ogsm.decide_draft_edit(
            session, request.user, draft, expected, _edit(step, plan, cleaned)
        )
    except StaleEdit:
        return _refuse(request, session, plan, membership, ogsm.STALE)
    except SessionError as error:
        return _refuse(request, session, plan, membership, error)
    messages.success(
        request,
        ngettext(
            "%(n)s change recorded in the draft.",
            "%(n)s changes recorded in the draft.",
            len(decided),
        )
        % {"n": len(decided)},
    )
    return _back(session, index)


@login_required
@require_POST
def draft_start(request, slug, plan_id, session_id):
    """The plan session's first change of the OGSM starts the draft of the next version (the
    steering session's "yes" may have started it already)."""
    session, plan, membership, index = _session_post(request, slug, plan_id, session_id)
    if session.state == session.State.CLOSED:
        error = _("This session is closed; its minutes can no longer change.")
        return _refuse(request, session, plan, membership, error)
    draft = versions.start_draft(plan, request.user)
    messages.success(
        request, _("The draft of version %(number)s is open.") % {"number": draft.number}
    )
    return _back(session, index)


@login_required
@require_POST
def activate(request, slug, plan_id, session_id):
    def decide(session, plan, membership, data):
        draft = versions.draft_of(plan)
        if draft is None:
            raise SessionError(_("There is no draft of the next version to activate."))
        try:
            ogsm.decide_activation(
                session, request.user, draft, data["draft_version"], data["reason"]
            )
        except StaleEdit as error:
            raise SessionError(ogsm.STALE) from error
        return _("Version %(number)s is now active.") % {"number": draft.number}

    return _decision(
        request, slug, plan_id, session_id, lambda plan: ActivateForm(request.POST), decide
    )
