"""Screens of the plan's versions: the list, one version read-only (and as PDF), comparing two,
and the draft editor (OGSM owner only) with its changes highlighted, activation and discarding.
Retired items: their page and restoring them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can, capabilities_of
from koers.lib.versioning import StaleEdit
from koers.plans import retiring, versions
from koers.plans.access import get_plan_for
from koers.plans.compare import changed_keys, compare
from koers.plans.forms import GoalForm, MeasureForm, StrategyForm, draft_item_form
from koers.plans.models import Goal, Measure, PlanVersion, Strategy
from koers.reports.pdf import pdf_response

FORMS = {"goal": GoalForm, "strategy": StrategyForm, "measure": MeasureForm}
MODELS = {"goal": Goal, "strategy": Strategy, "measure": Measure}
DRAFT_STALE = _("Someone else changed this draft meanwhile; look again and redo your change.")


def _base(plan, membership, **more):
    return {
        "workspace": plan.workspace,
        "membership": membership,
        "plan": plan,
        "can": capabilities_of(membership),
        **more,
    }


def _version(plan, number):
    return get_object_or_404(PlanVersion, plan=plan, number=number)


@login_required
@require_safe
def version_list(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id)
    rows = list(plan.versions.select_related("activated_by", "created_by"))
    known = {row.number for row in rows}
    context = _base(
        plan,
        membership,
        versions=rows,
        implicit_first=plan.current_version not in known,
        draft=next((row for row in rows if row.status == PlanVersion.Status.DRAFT), None),
        retired=_retired(plan),
    )
    return render(request, "plans/versions.html", context)


def _retired(plan):
    return {
        "goals": list(Goal.all_objects.filter(plan=plan, retired_at__isnull=False)),
        "strategies": list(Strategy.all_objects.filter(plan=plan, retired_at__isnull=False)),
        "measures": list(
            Measure.all_objects.filter(
                strategy__plan=plan, retired_at__isnull=False, strategy__retired_at__isnull=True
            )
        ),
    }


def _content_and_label(plan, number):
    """A version's content (the active one is the live plan) and its row, if it has one."""
    if number == plan.current_version:
        return versions.snapshot(plan), plan.versions.filter(number=number).first()
    row = _version(plan, number)
    return row.content, row


@login_required
@require_safe
def version_detail(request, slug, plan_id, number):
    plan, membership = get_plan_for(request, slug, plan_id)
    content, row = _content_and_label(plan, number)
    if row is not None and row.status == PlanVersion.Status.DRAFT:
        return redirect("plans:draft", slug=slug, plan_id=plan.pk)
    goals, strategies = versions.for_templates(content)
    context = _base(
        plan,
        membership,
        number=number,
        row=row,
        objective=content.get("objective", ""),
        goals=goals,
        strategies=strategies,
    )
    return render(request, "plans/version_detail.html", context)


@login_required
@require_safe
def version_pdf(request, slug, plan_id, number):
    plan, membership = get_plan_for(request, slug, plan_id)
    content, row = _content_and_label(plan, number)
    goals, strategies = versions.for_templates(content)
    plan.objective = content.get("objective", "")  # only for this rendering
    context = _base(plan, membership, goals=goals, strategies=strategies, shown_version=number)
    return pdf_response(
        "plans/plan_pdf.html", context, request, f"ogsm-{plan.period}-v{number}.pdf"
    )


def _pick(request, plan, name, default):
    """A version number or "draft" from the query string, as (label, content, row)."""
    value = request.GET.get(name, default)
    if value == "draft":
        draft = versions.draft_of(plan)
        if draft is None:
            raise Http404
        return draft.number, draft.content, draft
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number < 10**6:
        raise Http404
    content, row = _content_and_label(plan, number)
    return number, content, row


@login_required
@require_safe
def version_compare(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id)
    current = plan.current_version
    a_number, a_content, a_row = _pick(request, plan, "a", str(max(current - 1, 1)))
    b_number, b_content, b_row = _pick(request, plan, "b", str(current))
    choices = list(plan.versions.values_list("number", flat=True))
    if current not in choices:
        choices.append(current)
    context = _base(
        plan,
        membership,
        a=(a_number, a_row),
        b=(b_number, b_row),
        changes=compare(a_content, b_content),
        choices=sorted(choices),
        b_is_draft=bool(b_row and b_row.status == PlanVersion.Status.DRAFT),
    )
    return render(request, "plans/version_compare.html", context)


# --- The draft (OGSM owner) -----------------------------------------------------------------


@login_required
@require_POST
def draft_start(request, slug, plan_id):
    plan, _membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    versions.start_draft(plan, request.user)
    return redirect("plans:draft", slug=slug, plan_id=plan.pk)


def _draft_or_404(plan):
    draft = versions.draft_of(plan)
    if draft is None:
        raise Http404
    return draft


def _draft_page(request, plan, membership, draft, status=200, **state):
    changes = compare(versions.snapshot(plan), draft.content)
    goals, strategies = versions.for_templates(draft.content)
    highlight = changed_keys(changes)
    for item in [*goals, *strategies, *(m for s in strategies for m in s.measures)]:
        item.change = highlight.get(item.key, "")
    context = _base(
        plan,
        membership,
        draft=draft,
        objective=draft.content.get("objective", ""),
        goals=goals,
        strategies=strategies,
        changes=changes,
        objective_changed="objective" in highlight,
        retired_in_draft=[c for c in changes if c.change == "retired"],
        **state,
    )
    return render(request, "plans/draft.html", context, status=status)


@login_required
@require_safe
def draft_detail(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    draft = _draft_or_404(plan)
    return _draft_page(request, plan, membership, draft)


def _stale(request, plan, membership, draft):
    messages.error(request, DRAFT_STALE)
    return redirect("plans:draft", slug=plan.workspace.slug, plan_id=plan.pk)


def _loaded_version(request) -> int:
    try:
        return int(request.POST.get("draft_version", ""))
    except ValueError:
        return -1


@login_required
@require_http_methods(["GET", "POST"])
def draft_objective(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    draft = _draft_or_404(plan)
    from koers.plans.forms import ObjectiveForm

    form = ObjectiveForm(
        request.POST or None, instance=type(plan)(objective=draft.content.get("objective", ""))
    )
    if request.method == "POST" and form.is_valid():
        content = versions.draft_content(draft)
        content["objective"] = form.cleaned_data["objective"]
        try:
            versions.save_draft(draft, content, _loaded_version(request))
        except StaleEdit:
            return _stale(request, plan, membership, draft)
        return redirect("plans:draft", slug=slug, plan_id=plan.pk)
    editing = {"kind": "objective"}
    status = 422 if form.errors else 200
    return _draft_page(request, plan, membership, draft, status, editing=editing, form=form)


def _form(kind, plan, values, data=None):
    return draft_item_form(kind, plan, values, data)


@login_required
@require_http_methods(["GET", "POST"])
def draft_item(request, slug, plan_id, key):
    """Edit one goal, strategy or measure of the draft."""
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    draft = _draft_or_404(plan)
    found = versions.find(draft.content, key)
    if found is None:
        raise Http404
    kind, values, _parent = found
    form = _form(kind, plan, values, request.POST or None)
    if request.method == "POST" and form.is_valid():
        content = versions.draft_content(draft)
        versions.set_item(content, key, versions.plain_values(kind, form.cleaned_data))
        try:
            versions.save_draft(draft, content, _loaded_version(request))
        except StaleEdit:
            return _stale(request, plan, membership, draft)
        return redirect("plans:draft", slug=slug, plan_id=plan.pk)
    editing = {"kind": kind, "key": key}
    status = 422 if form.errors else 200
    return _draft_page(request, plan, membership, draft, status, editing=editing, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def draft_add(request, slug, plan_id, kind):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    if kind not in FORMS:
        raise Http404
    draft = _draft_or_404(plan)
    parent = request.GET.get("parent") or request.POST.get("parent") or None
    if kind == "measure" and (parent is None or versions.find(draft.content, parent) is None):
        raise Http404
    form = _form(kind, plan, None, request.POST or None)
    if request.method == "POST" and form.is_valid():
        content = versions.draft_content(draft)
        versions.add_item(content, kind, versions.plain_values(kind, form.cleaned_data), parent)
        try:
            versions.save_draft(draft, content, _loaded_version(request))
        except StaleEdit:
            return _stale(request, plan, membership, draft)
        return redirect("plans:draft", slug=slug, plan_id=plan.pk)
    editing = {"kind": kind, "key": None, "parent": parent}
    status = 422 if form.errors else 200
    return _draft_page(request, plan, membership, draft, status, editing=editing, form=form)


@login_required
@require_POST
def draft_remove(request, slug, plan_id, key):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    draft = _draft_or_404(plan)
    if versions.find(draft.content, key) is None:
        raise Http404
    content = versions.draft_content(draft)
    versions.remove_item(content, key)
    try:
        versions.save_draft(draft, content, _loaded_version(request))
    except StaleEdit:
        return _stale(request, plan, membership, draft)
    return redirect("plans:draft", slug=slug, plan_id=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def draft_activate(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    draft = _draft_or_404(plan)
    reason = request.POST.get("reason", "").strip()
    if request.method == "POST":
        if not reason:
            error = _("Say why this version replaces the current one.")
            return _draft_page(request, plan, membership, draft, 422, activating=True, error=error)
        try:
            versions.activate(draft, request.user, reason[:300])
        except StaleEdit:
            return _stale(request, plan, membership, draft)
        messages.success(request, _("Version %(number)s is now active.") % {"number": draft.number})
        return redirect("plans:detail", slug=slug, plan_id=plan.pk)
    return _draft_page(request, plan, membership, draft, activating=True)


@login_required
@require_POST
def draft_discard(request, slug, plan_id):
    plan, _membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    versions.discard(_draft_or_404(plan))
    messages.success(request, _("The draft was discarded; the active plan is unchanged."))
    return redirect("plans:versions", slug=slug, plan_id=plan.pk)


# --- Retired items ---------------------------------------------------------------------------


def _retired_item(plan, kind, item_id):
    if kind not in MODELS:
        raise Http404
    model = MODELS[kind]
    scope = {"strategy__plan": plan} if model is Measure else {"plan": plan}
    return get_object_or_404(model.all_objects, pk=item_id, retired_at__isnull=False, **scope)


@login_required
@require_safe
def retired_detail(request, slug, plan_id, kind, item_id):
    """A retired item with everything it gathered, still readable."""
    plan, membership = get_plan_for(request, slug, plan_id)
    item = _retired_item(plan, kind, item_id)
    context = _base(
        plan, membership, item=item, kind=kind, removal=retiring.removal(item), **_gathered(item)
    )
    return render(request, "plans/retired_detail.html", context)


def _gathered(item):
    """What the retired item gathered, to read: its actions with updates, its KPIs' figures."""
    from django.apps import apps

    action_model, kpi_model = (
        apps.get_model("actions", "Action"),
        apps.get_model("dashboard", "Kpi"),
    )
    kpis = kpi_model.all_objects.prefetch_related("measurements").select_related("goal", "measure")
    if isinstance(item, Strategy):
        actions = action_model.objects.filter(strategy=item).prefetch_related("updates")
        return {
            "actions": list(actions),
            "measures": list(Measure.all_objects.filter(strategy=item)),
            "kpis": list(kpis.filter(measure__strategy=item)),
        }
    lookup = "goal" if isinstance(item, Goal) else "measure"
    return {"actions": [], "measures": [], "kpis": list(kpis.filter(**{lookup: item}))}


@login_required
@require_POST
def retired_restore(request, slug, plan_id, kind, item_id):
    plan, _membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    item = _retired_item(plan, kind, item_id)
    try:
        retiring.restore(item)
    except ValueError:
        messages.error(request, _("Restore its strategy first."))
        return redirect("plans:versions", slug=slug, plan_id=plan.pk)
    messages.success(request, _("Restored: %(item)s") % {"item": item})
    return redirect("plans:detail", slug=slug, plan_id=plan.pk)
