"""One action's page with its updates, and the steps taken from it: update, close, change
status, reopen, accept a proposal, move, remove."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can
from koers.actions import rules
from koers.actions.access import get_action_for, get_updatable_action_for
from koers.actions.forms import CloseForm, UpdateForm
from koers.actions.models import Colour
from koers.actions.views import _base
from koers.lib.forms import fixed_choices
from koers.lib.pagecache import cached_page, row_state


def _detail(request, action, plan, membership, update_form=None, status=200, block=None):
    def context():
        # The sessions sit above the actions; what they agreed about this action shows here.
        from koers.meetings.remedies import remedies_of

        prefetch_related_objects([action], "co_owners")  # read twice: the rule and the page
        updates = list(action.updates.select_related("author", "need_from", "on_behalf_of"))
        for u in updates:  # what each update's kept block shows (`{% fragment %}`)
            u.shown = tuple(map(row_state, (u, u.author, u.on_behalf_of, u.need_from)))
        form = update_form or UpdateForm(
            plan=plan,
            asker=request.user,
            initial={"progress": action.progress, "colour": action.colour or Colour.GREEN},
        )
        people = fixed_choices(form.fields["need_from"])
        return _base(
            plan,
            membership,
            action=action,
            updates=updates,
            can_update=rules.can_update(membership, action),
            update_form=form,
            # What the kept update form shows (`{% fragment %}`): its people and starting values;
            # its list of people is kept apart, as an update changes the values, not the people.
            people_shown=people,
            form_shown=(people, action.progress, action.colour),
            today=timezone.localdate(),
            remedies=remedies_of(action),
        )

    template = "actions/action_detail.html"
    if request.htmx and block:
        template += f"#{block}"
    if update_form is None and status == 200:
        return cached_page(request, template, plan.workspace, context)
    return render(request, template, context(), status=status)


@login_required
@require_safe
def action_detail(request, slug, plan_id, action_id):
    action, plan, membership = get_action_for(request, slug, plan_id, action_id, co_owners=False)
    return _detail(request, action, plan, membership)


@login_required
@require_POST
def action_update(request, slug, plan_id, action_id):
    action, plan, membership = get_updatable_action_for(request, slug, plan_id, action_id)
    form = UpdateForm(request.POST, plan=plan, asker=request.user)
    if form.is_valid():
        try:
            rules.post_update(action, request.user, **form.cleaned_data)
        except rules.ActionError as error:
            form.add_error(None, str(error))
        else:
            if not request.htmx:
                messages.success(request, _("Update posted."))
                return redirect("actions:detail", slug, plan.pk, action.pk)
            return _detail(request, action, plan, membership, block="activity")
    return _detail(
        request, action, plan, membership, update_form=form, status=422, block="activity"
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_close(request, slug, plan_id, action_id):
    action, plan, membership = get_updatable_action_for(request, slug, plan_id, action_id)
    form = CloseForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rules.close_action(
                action, request.user, data["criterion"], data["process"], data["carried_by"]
            )
        except rules.ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The action is done."))
            return redirect("actions:detail", slug, plan.pk, action.pk)
    context = _base(
        plan,
        membership,
        action=action,
        close_form=form,
        definition_of_done=rules.definition_of_done(plan),
    )
    return render(request, "actions/action_close.html", context, status=422 if form.errors else 200)


def _back(request, slug, plan, action):
    target = request.POST.get("back")
    if target == "board":
        return redirect("actions:board", slug, plan.pk)
    return redirect("actions:detail", slug, plan.pk, action.pk)


def _step(request, slug, plan, action, do, success=""):
    """A one-click step on an action: do it, say so (or why not), and go back."""
    try:
        do()
    except rules.ActionError as error:
        messages.error(request, str(error))
    else:
        if success:
            messages.success(request, success)
    return _back(request, slug, plan, action)


@login_required
@require_POST
def action_status(request, slug, plan_id, action_id):
    action, plan, _m = get_updatable_action_for(request, slug, plan_id, action_id)
    return _step(
        request,
        slug,
        plan,
        action,
        lambda: rules.set_status(action, request.POST.get("status", "")),
    )


@login_required
@require_POST
def action_reopen(request, slug, plan_id, action_id):
    action, plan, _m = get_updatable_action_for(request, slug, plan_id, action_id)
    return _step(request, slug, plan, action, lambda: rules.reopen_action(action))


@login_required
@require_POST
def action_accept(request, slug, plan_id, action_id):
    action, plan, _m = get_action_for(request, slug, plan_id, action_id, need=Can.MANAGE_ACTIONS)
    return _step(
        request,
        slug,
        plan,
        action,
        lambda: rules.accept_proposal(action),
        _("The proposal is accepted into the action plan."),
    )


@login_required
@require_POST
def action_move(request, slug, plan_id, action_id):
    """Change the action's priority within its strategy (one place up or down)."""
    action, plan, _membership = get_action_for(
        request, slug, plan_id, action_id, need=Can.MANAGE_ACTIONS
    )
    step = -1 if request.POST.get("direction") == "up" else 1
    rules.move_action(action, step)
    return redirect(f"{reverse('actions:list', args=[slug, plan.pk])}#action-{action.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request, slug, plan_id, action_id):
    action, plan, membership = get_action_for(
        request, slug, plan_id, action_id, need=Can.MANAGE_ACTIONS
    )
    if request.method == "POST":
        rules.archive_action(action)
        messages.success(request, _("The action is removed from the plan; its history is kept."))
        return redirect("actions:list", slug, plan.pk)
    return render(request, "actions/action_delete.html", _base(plan, membership, action=action))
