"""The workspace settings page: its name and time zone, for who may manage the workspace."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from koers.accounts import services
from koers.accounts.forms import WorkspaceSettingsForm
from koers.accounts.models import Workspace
from koers.accounts.permissions import Can, capabilities_of, get_membership_for
from koers.lib.versioning import STALE_MESSAGE, StaleEdit


@login_required
@require_http_methods(["GET", "POST"])
def workspace_settings(request, slug):
    membership = get_membership_for(request, slug, need=Can.MANAGE_WORKSPACE)
    workspace = membership.workspace
    # A copy: validating writes the input onto the form's instance, and the page (its top bar)
    # keeps showing the stored workspace until the rule has saved.
    form = WorkspaceSettingsForm(request.POST or None, instance=copy(workspace))
    saved_meanwhile = None
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.change_settings(
                workspace,
                name=form.cleaned_data["name"],
                time_zone=form.cleaned_data["time_zone"],
                expected_version=form.loaded_version(),
            )
        except StaleEdit:
            # Their version is shown beside the input kept; saving again overwrites it.
            saved_meanwhile = Workspace.objects.get(pk=workspace.pk)
            form.add_error(None, STALE_MESSAGE)
            form.data = form.data.copy()
            form.data["version"] = saved_meanwhile.version
        except services.WorkspaceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Workspace settings saved."))
            if moved:
                text = ngettext(
                    "%(count)s open invitation still lapses at the end of its last day, now"
                    " in the new time zone.",
                    "%(count)s open invitations still lapse at the end of their last day, now"
                    " in the new time zone.",
                    moved,
                )
                messages.info(request, text % {"count": moved})
            return redirect("accounts:workspace_settings", slug=slug)
    context = {
        "workspace": workspace,
        "membership": membership,
        "can": capabilities_of(membership),
        "form": form,
        "saved_meanwhile": saved_meanwhile,
    }
    status = 422 if form.errors else 200
    return render(request, "accounts/workspace_settings.html", context, status=status)
