"""Views of the workspace's plans and the one-page OGSM.

Every view returns the full page, or for htmx requests only the fragment that changed;
the same template serves both, so everything also works as plain forms without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can, capabilities_of, get_membership_for
from koers.lib.keptrows import Rows, lazy
from koers.lib.pagecache import cached_page, row_state
from koers.lib.versioning import STALE_MESSAGE, StaleEdit
from koers.plans import kept, retiring, rules, serving, setup, starter
from koers.plans.access import get_plan_for, plan_capabilities
from koers.plans.forms import ObjectiveForm, PlanForm
from koers.plans.items import KINDS, item_tools
from koers.reports.pdf import cached_pdf_response


@login_required
@require_safe
def workspace(request, slug):
    membership = get_membership_for(request, slug)

    def context():
        workspace = membership.workspace
        # As values: the list is kept under them, instances made only to render it afresh.
        plans = Rows(workspace.plans.filter(archived_at__isnull=True))
        archived = Rows(workspace.plans.filter(archived_at__isnull=False))
        return {
            "workspace": workspace,
            "membership": membership,
            "can": capabilities_of(membership),
            "plans": plans,
            "archived": archived,
            "plans_shown": (workspace.slug, plans.state, archived.state),
        }

    return cached_page(request, "plans/workspace.html", membership.workspace, context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request, slug):
    membership = get_membership_for(request, slug, need=Can.CREATE_PLAN)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.edited_fields}
        plan = rules.create_plan(membership.workspace, **fields)
        messages.success(request, _("Plan created. Start with the objective."))
        return redirect("plans:detail", slug=slug, plan_id=plan.pk)
    context = {"workspace": membership.workspace, "membership": membership, "form": form}
    return render(request, "plans/plan_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_plan_fields(plan, form.edited_fields, form.loaded_version())
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("Plan details saved."))
            return redirect("plans:detail", slug=slug, plan_id=plan.pk)
    context = {"workspace": plan.workspace, "membership": membership, "plan": plan, "form": form}
    return render(request, "plans/plan_form.html", context, status=422 if form.errors else 200)


def _plan_context(plan, membership, **state):
    can = plan_capabilities(plan, membership)
    strategies = list(plan.strategies.select_related("owner", "pending_owner"))
    kept.with_measures(strategies)  # as values: instances only for blocks not kept
    serving_plans = serving.serving_plans(plan)
    for strategy in strategies:
        strategy.served_by_plans = serving_plans.get(("strategy", strategy.pk), [])
        # What a strategy's block shows: its fragment is kept under it (koers.lib.pagecache).
        strategy.shown = (
            row_state(strategy),
            row_state(strategy.owner),
            row_state(strategy.pending_owner),
            strategy.measure_list.state,
            tuple((row_state(link), row_state(link.child)) for link in strategy.served_by_plans),
        )
    goals = list(plan.goals.all())
    for goal in goals:
        goal.served_by_plans = serving_plans.get(("goal", goal.pk), [])
    return {
        "workspace": plan.workspace,
        "membership": membership,
        "plan": plan,
        "can": can,
        "page_shown": (plan.workspace.slug, row_state(plan), tuple(sorted(can))),
        "goals": goals,
        "strategies": strategies,
        # Made only when an item's block is rendered: after a change most are kept.
        "item_tools": lazy(lambda: item_tools(plan)),
        "serves": serving.served_items(plan),
        "link_form": state.get("link_form"),
        "serves_message": state.get("serves_message"),
        "editing": state.get("editing"),
        "confirming": state.get("confirming"),
        "form": state.get("form"),
    }


def _plan_page(request, plan, membership, *, block=None, status=200, **state):
    """The one-page OGSM; `state` says which item is being edited or confirmed for deletion."""
    context = _plan_context(plan, membership, **state)
    template = "plans/plan_detail.html"
    if request.htmx and block:
        template += f"#{block}"
    return render(request, template, context, status=status)


def _back_to_plan(request, plan, block):
    url = reverse("plans:detail", args=[plan.workspace.slug, plan.pk]) + f"#{block}"
    return redirect(url)


def _ogsm_shown(context) -> tuple:
    """What the plan page's OGSM (its "Serves" section, objective, goals and strategies) shows:
    the page's rows, each goal's row and the plans serving it, each strategy's `shown` and each
    link the plan serves with its item, plan and notice, in their order. The whole is kept
    under it (an action update changes none of it), each strategy's block under its own."""

    def serving(links):
        return tuple((row_state(link), row_state(link.child)) for link in links)

    return (
        context["page_shown"],
        tuple((row_state(goal), serving(goal.served_by_plans)) for goal in context["goals"]),
        tuple(strategy.shown for strategy in context["strategies"]),
        tuple(
            (row_state(link), row_state(link.parent_item), row_state(link.parent_plan), link.notice)
            for link in context["serves"]
        ),
    )


def _plan_page_context(plan, membership):
    """The plan page with, for those who edit it, the set-up checklist until it is done."""
    context = _plan_context(plan, membership)
    context["ogsm_shown"] = _ogsm_shown(context)
    steps = setup.open_checklist(plan, context["can"], context["goals"], context["strategies"])
    if steps:
        context["setup_steps"] = steps
        context["setup_done"] = sum(step.done for step in steps)
    return context


@login_required
@require_safe
def plan_detail(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id)
    return cached_page(
        request,
        "plans/plan_detail.html",
        plan.workspace,
        lambda: _plan_page_context(plan, membership),
        rights=capabilities_of(membership),
    )


@login_required
@require_POST
def start_from_template(request, slug, plan_id):
    """Fill an empty plan with the skeleton OGSM in the editor's language (koers.plans.starter)."""
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    try:
        starter.fill_from_template(plan, membership)
    except starter.NotEmpty:
        messages.error(
            request, _("This plan already has content: a template only fills an empty plan.")
        )
    else:
        messages.success(
            request, _("The template is in place. Change every text to your own: click ✎ to edit.")
        )
    return redirect("plans:detail", slug=slug, plan_id=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    form = ObjectiveForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_plan_fields(plan, ["objective"], form.loaded_version())
        except StaleEdit:
            plan.refresh_from_db()
            form.add_error(None, STALE_MESSAGE)
        else:
            if not request.htmx:
                return _back_to_plan(request, plan, "objective")
            return _plan_page(request, plan, membership, block="objective")
    status = 422 if form.errors else 200
    editing = {"kind": "objective"}
    return _plan_page(
        request, plan, membership, block="objective", status=status, editing=editing, form=form
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request, slug, plan_id, kind, parent_id=None):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    item_kind = KINDS[kind]
    item = item_kind.new(plan, parent_id)
    form = item_kind.form(plan, item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        rules.add_item(form.instance, item_kind.siblings(form.instance))
        if not request.htmx:
            return _back_to_plan(request, plan, item_kind.block)
        return _plan_page(request, plan, membership, block=item_kind.block)
    editing = {"kind": kind, "pk": None, "parent": parent_id}
    return _plan_page(
        request,
        plan,
        membership,
        block=item_kind.block,
        editing=editing,
        form=form,
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, slug, plan_id, kind, item_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    item_kind = KINDS[kind]
    item = item_kind.get(plan, item_id)
    if hasattr(item, "plan_id"):
        item.plan = plan  # already loaded: the change log finds the workspace without a query
    form = item_kind.form(plan, item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_item(form.instance, form.edited_fields, form.loaded_version())
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
            form.data = form.data.copy()
            form.data["version"] = item_kind.get(plan, item_id).version
        else:
            if not request.htmx:
                return _back_to_plan(request, plan, item_kind.block)
            return _plan_page(request, plan, membership, block=item_kind.block)
    editing = {"kind": kind, "pk": item.pk}
    return _plan_page(
        request,
        plan,
        membership,
        block=item_kind.block,
        editing=editing,
        form=form,
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request, slug, plan_id, kind, item_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    item_kind = KINDS[kind]
    item = item_kind.get(plan, item_id)
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()[:300]
        retired = retiring.remove_or_retire(item, request.user, reason)
        if not request.htmx:
            text = _("Retired: %(item)s") if retired else _("Deleted: %(item)s")
            messages.success(request, text % {"item": item})
            return _back_to_plan(request, plan, item_kind.block)
        return _plan_page(request, plan, membership, block=item_kind.block)
    confirming = {"kind": kind, "pk": item.pk, "removal": retiring.removal(item)}
    return _plan_page(request, plan, membership, block=item_kind.block, confirming=confirming)


@login_required
@require_POST
def item_move(request, slug, plan_id, kind, item_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    item_kind = KINDS[kind]
    item = item_kind.get(plan, item_id)
    step = -1 if request.POST.get("direction") == "up" else 1
    rules.move_item(item, item_kind.siblings(item), step)
    if not request.htmx:
        return _back_to_plan(request, plan, item_kind.block)
    return _plan_page(request, plan, membership, block=item_kind.block)


@login_required
@require_safe
def plan_pdf(request, slug, plan_id):
    """The classic one-page OGSM on one landscape A4 sheet."""
    plan, membership = get_plan_for(request, slug, plan_id)
    return cached_pdf_response(
        request,
        "plans/plan_pdf.html",
        plan.workspace,
        lambda: (_plan_context(plan, membership), f"ogsm-{plan.period}.pdf"),
    )
