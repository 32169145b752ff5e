"""The plan import page: upload, see every item, then write all of them or none."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from koers.accounts.permissions import Can
from koers.accounts.services import MembershipError
from koers.dashboard.forms import ImportForm
from koers.plans import plan_import
from koers.plans.access import get_plan_for

PREVIEW_ROWS = 300


@login_required
@require_http_methods(["GET", "POST"])
def plan_import_view(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    session_key = f"koers-plan-import-{plan.pk}"
    if request.method == "POST" and "confirm" in request.POST:
        table = request.session.pop(session_key, None)
        if table is None:
            messages.error(request, _("The preview expired; upload the file again."))
            return redirect("plans:import", slug, plan.pk)
        items = plan_import.check_rows(plan, table)
        try:
            count = plan_import.commit_rows(plan, items, membership, request=request)
        except (plan_import.PlanImportError, MembershipError) as error:
            messages.error(request, str(error))
            return redirect("plans:import", slug, plan.pk)
        text = ngettext("%(n)s item imported.", "%(n)s items imported.", count) % {"n": count}
        messages.success(request, text)
        invited = plan_import.invitations(items)
        if invited:
            text = ngettext(
                "Invited to join as owner: %(people)s.",
                "Invited to join as owners: %(people)s.",
                len(invited),
            )
            messages.success(request, text % {"people": ", ".join(invited)})
        return redirect("plans:detail", slug, plan.pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    form.fields["file"].help_text = ", ".join(plan_import.HEADER)
    items, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            table = plan_import.read_upload(form.cleaned_data["file"])
            items = plan_import.check_rows(plan, table)
        except plan_import.PlanImportError as error:
            form.add_error("file", str(error))
        else:
            if any(item.error for item in items):
                status = 422
            elif items:
                request.session[session_key] = table
    if form.errors:
        status = 422
    errors = [i for i in items or [] if i.error]
    context = {
        "workspace": plan.workspace,
        "membership": membership,
        "plan": plan,
        "form": form,
        "items": (errors or items or [])[:PREVIEW_ROWS] if items is not None else None,
        "hidden": max(0, len(errors or items or []) - PREVIEW_ROWS),
        "has_errors": bool(errors),
        "count": len(items or []),
        "invitations": plan_import.invitations(items or []) if not errors else [],
        "header": plan_import.HEADER,
        "max_rows": settings.IMPORT_MAX_ROWS,
        "max_mb": settings.IMPORT_MAX_BYTES // 2**20,
    }
    return render(request, "plans/plan_import.html", context, status=status)
