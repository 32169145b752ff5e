"""Downloads of the open formats and the import page that creates a workspace from a file."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can, get_membership_for
from koers.lib.pagecache import cached_bytes
from koers.plans.access import get_plan_for
from koers.reports import action_sheet, excel, workspace_import, workspace_json


def _json_download(workspace, plan=None) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        workspace_json.export_workspace(workspace, plan), content_type="application/json"
    )
    name = workspace_json.file_name(workspace, plan)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_safe
def workspace_json_export(request, slug):
    # Owner only: the document lists every member's e-mail address.
    membership = get_membership_for(request, slug, need=Can.MANAGE_ROLES)
    return _json_download(membership.workspace)


@login_required
@require_safe
def plan_json_export(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    return _json_download(membership.workspace, plan)


class WorkspaceFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Koers workspace file (.json)"))


@login_required
@require_http_methods(["GET", "POST"])
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


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_safe
def plan_xlsx(request, slug, plan_id):
    plan, _membership = get_plan_for(request, slug, plan_id)
    response = HttpResponse(excel.plan_workbook(plan), content_type=XLSX)
    name = workspace_json.file_name(plan.workspace, plan).replace(".koers.json", ".xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ActionSheetForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("The plan's Excel workbook (.xlsx)"),
        help_text=gettext_lazy(
            "Download the workbook, edit or add rows on its Actions sheet, upload it here."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_sheet_import(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.MANAGE_ACTIONS)
    session_key = f"koers-action-sheet-{plan.pk}"
    if request.method == "POST" and "confirm" in request.POST:
        table = request.session.pop(session_key, None)
        if table is None:
            messages.error(request, _("The preview expired; upload the file again."))
            return redirect("reports:action_import", slug, plan.pk)
        try:
            changes = action_sheet.check_sheet(plan, table)
            added, changed = action_sheet.apply_changes(plan, changes, membership)
        except action_sheet.SheetError as error:
            messages.error(request, str(error))
            return redirect("reports:action_import", slug, plan.pk)
        messages.success(
            request,
            _("%(added)s actions added, %(changed)s changed.")
            % {"added": added, "changed": changed},
        )
        return redirect("actions:list", slug, plan.pk)
    form = ActionSheetForm(request.POST or None, request.FILES or None)
    changes, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            table = action_sheet.read_sheet(form.cleaned_data["file"])
            changes = action_sheet.check_sheet(plan, table)
        except action_sheet.SheetError as error:
            form.add_error("file", str(error))
        else:
            if any(c.error for c in changes):
                status = 422
            elif changes:
                request.session[session_key] = table
    if form.errors:
        status = 422
    context = {
        "plan": plan,
        "workspace": plan.workspace,
        "membership": membership,
        "form": form,
        "changes": changes,
        "has_errors": bool(changes) and any(c.error for c in changes),
    }
    return render(request, "reports/action_import.html", context, status=status)


PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@login_required
@require_safe
def session_deck(request, slug, plan_id, session_id):
    from koers.meetings.access import get_session_for
    from koers.reports.deck import session_deck as make_deck

    session, plan, _membership = get_session_for(request, slug, plan_id, session_id)

    # Kept in the page cache until the workspace changes, like the session PDFs: the charts
    # take a moment to draw. Made once per language for everyone the door lets in.
    def make():
        return f"session-{session.starts_at:%Y-%m-%d}.pptx", make_deck(session, plan)

    name, content = cached_bytes(request, "reports/session_deck.pptx", plan.workspace, make)
    response = HttpResponse(content, content_type=PPTX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class KpiFeedForm(forms.Form):
    feed_url = forms.URLField(
        label=gettext_lazy("Address of the CSV or Excel file"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy(
            "Columns period, value (and note), or the figures import's columns. "
            "Leave empty to stop fetching."
        ),
    )
    feed_every_hours = forms.IntegerField(
        label=gettext_lazy("Fetch every (hours)"), min_value=1, max_value=24 * 31, initial=24
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_feed_url(self):
        from koers.reports import feeds

        url = self.cleaned_data["feed_url"]
        if url:
            try:
                feeds.check_url(url)
            except feeds.FeedError as error:
                raise forms.ValidationError(str(error)) from error
        return url


def _kpi_for(request, slug, plan_id, kpi_id):
    from django.shortcuts import get_object_or_404

    from koers.dashboard.models import Kpi

    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    kpi = get_object_or_404(Kpi.objects.select_related("goal", "measure"), pk=kpi_id, plan=plan)
    return kpi, plan, membership


@login_required
@require_http_methods(["GET", "POST"])
def kpi_feed(request, slug, plan_id, kpi_id):
    from koers.lib.versioning import STALE_MESSAGE, StaleEdit, save_versioned

    kpi, plan, membership = _kpi_for(request, slug, plan_id, kpi_id)
    initial = {"feed_url": kpi.feed_url, "feed_every_hours": kpi.feed_every_hours}
    form = KpiFeedForm(request.POST or None, initial={**initial, "version": kpi.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            kpi.feed_url = form.cleaned_data["feed_url"]
            kpi.feed_every_hours = form.cleaned_data["feed_every_hours"]
            try:
                save_versioned(kpi, ["feed_url", "feed_every_hours"], form.cleaned_data["version"])
            except StaleEdit:
                form.add_error(None, STALE_MESSAGE)
            else:
                messages.success(request, _("The address is saved."))
                return redirect("reports:kpi_feed", slug, plan.pk, kpi.pk)
        status = 422
    context = {"plan": plan, "workspace": plan.workspace, "kpi": kpi, "form": form}
    return render(request, "reports/kpi_feed.html", context, status=status)


@login_required
@require_POST
def kpi_feed_fetch(request, slug, plan_id, kpi_id):
    from koers.reports.tasks import fetch_kpi_feed

    kpi, plan, _membership = _kpi_for(request, slug, plan_id, kpi_id)
    if not kpi.feed_url:
        messages.error(request, _("Enter an address first."))
    else:
        fetch_kpi_feed.enqueue(kpi.pk)
        messages.success(request, _("The file is being fetched; reload to see the result."))
    return redirect("reports:kpi_feed", slug, plan.pk, kpi.pk)
