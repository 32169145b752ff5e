"""My work: what is asked of me in a workspace (koers.meetings.asked), and the landing page
after login that opens it when something is asked."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from koers.accounts.models import Membership
from koers.accounts.permissions import capabilities_of, get_membership_for
from koers.accounts.revision import workspace_state
from koers.lib.pagecache import cached_page
from koers.meetings import asked, my_work_rows


@login_required
@require_safe
def my_work(request, slug):
    membership = get_membership_for(request, slug)
    workspace, now = membership.workspace, timezone.now()
    # What is asked follows the next session, which changes when one begins: the number of
    # sessions begun keeps a copy from outliving it (as on the session list), and the latest
    # start among them stands for "now" in the queries (koers.meetings.my_work_rows).
    begun, bound = my_work_rows.begun(workspace.pk, now)

    def context():
        rows = my_work_rows.read(request.user.pk, workspace.pk, bound)
        asked.remember(request.user, workspace, now, rows.count)  # the navigation shows it
        return {
            "workspace": workspace,
            "membership": membership,
            "nav": "my",
            "can": capabilities_of(membership),
            "work": rows.work,
            "count": rows.count,
            "actions": rows.actions,
            "proposals": rows.proposals,
            # The content is kept under its rows (a change elsewhere in the workspace leaves
            # them as they were) and the workspace's row it reads (slug, name), not its revision.
            "shown": (workspace_state(workspace), rows.state),
        }

    return cached_page(request, "meetings/my_work.html", workspace, context, clock=(begun,))


@login_required
@require_safe
def asked_badge(request, slug):
    """The navigation's count, for pages that did not know it yet (meetings/_asked_badge.html)."""
    membership = get_membership_for(request, slug)
    count = asked.cached_count(request.user, membership.workspace)
    context = {"asked": count, "workspace": membership.workspace, "lazy": False}
    return render(request, "meetings/_asked_badge.html", context)


@login_required
@require_safe
def landing(request):
    """After login: My work of the first workspace that asks something of me, else the list
    of my workspaces."""
    memberships = Membership.objects.filter(user=request.user).select_related("workspace")
    for membership in memberships.order_by("workspace__name", "pk"):
        if asked.cached_count(request.user, membership.workspace):
            return redirect("meetings:my_work", membership.workspace.slug)
    return redirect("core:home")
