"""The plan's roles page: who has which role on this plan, in place of their workspace role."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.lib.ids import parse_id
from koers.lib.versioning import STALE_MESSAGE, StaleEdit
from koers.plans import roles
from koers.plans.access import get_plan_roles_for, plan_capabilities


def _version(raw) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


@login_required
@require_http_methods(["GET", "POST"])
def plan_roles(request, slug, plan_id):
    plan, membership = get_plan_roles_for(request, slug, plan_id)
    error = None
    if request.method == "POST":
        user_id = parse_id(request.POST.get("user", ""))
        role = request.POST.get("role", "")
        version = _version(request.POST.get("version", ""))
        if user_id is None:
            error = _("Choose a person and a role.")
        elif version is None:  # a form without the version it showed: a conflict, as elsewhere
            error = STALE_MESSAGE
        else:
            try:
                roles.set_plan_role(plan, membership, user_id, role or None, version)
            except roles.PlanRoleError as refused:
                error = str(refused)
            except StaleEdit:
                error = STALE_MESSAGE
            else:
                messages.success(request, _("Role on this plan saved."))
                return redirect("plans:roles", slug=slug, plan_id=plan.pk)
    choices = roles.grantable_choices(membership, plan)
    context = {
        "workspace": plan.workspace,
        "membership": membership,
        "plan": plan,
        "can": plan_capabilities(plan, membership),
        "members": roles.plan_members(plan),
        "grantable": [value for value, _label in choices],
        "choices": choices,
        "error": error,
    }
    return render(request, "plans/roles.html", context, status=422 if error else 200)
