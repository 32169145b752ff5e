"""Downloads of the open formats and the import page that creates a workspace from a file."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.accounts.permissions import Can, get_membership_for
from koers.plans.access import get_plan_for
from koers.reports import workspace_import, workspace_json


def _json_download(workspace, plan=None) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        workspace_json.export_workspace(workspace, plan), content_type="application/json"
    )
    name = workspace_json.file_name(workspace, plan)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def workspace_json_export(request, slug):
    # Owner only: the document lists every member's e-mail address.
    membership = get_membership_for(request, slug, need=Can.MANAGE_ROLES)
    return _json_download(membership.workspace)


@login_required
def plan_json_export(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    return _json_download(membership.workspace, plan)


class WorkspaceFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Koers workspace file (.json)"))


@login_required
def workspace_json_import(request):
    form = WorkspaceFileForm(request.POST or None, request.FILES or None)
    problems, status = [], 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > workspace_import.max_bytes():  # refused before it is read
                workspace_import.read_document(b" " * (workspace_import.max_bytes() + 1))
            document = workspace_import.read_document(upload.read())
            workspace = workspace_import.import_workspace(document, request.user)
        except workspace_import.WorkspaceImportError as error:
            problems = error.messages
        else:
            messages.success(request, _("Workspace imported. You are its OGSM owner."))
            return redirect("plans:workspace", slug=workspace.slug)
    if problems or form.errors:
        status = 422
    return render(
        request,
        "reports/workspace_import.html",
        {"form": form, "problems": problems},
        status=status,
    )
