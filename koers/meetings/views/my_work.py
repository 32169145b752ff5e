"""My work: what is asked of me in a workspace (koers.meetings.asked), and the landing page
after login that opens it when something is asked."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from koers.accounts.models import Membership
from koers.accounts.permissions import capabilities_of, get_membership_for
from koers.actions import queries as action_queries
from koers.lib.pagecache import cached_page
from koers.meetings import asked
from koers.meetings.models import Session


@login_required
@require_safe
def my_work(request, slug):
    membership = get_membership_for(request, slug)
    workspace, now = membership.workspace, timezone.now()

    def context():
        work = asked.my_work(request.user, workspace, now)
        asked.remember(request.user, workspace, now, work.count)  # the navigation shows it
        return {
            "workspace": workspace,
            "membership": membership,
            "nav": "my",
            "can": capabilities_of(membership),
            "work": work,
            "actions": list(action_queries.my_actions(request.user, workspace)),
            "today": timezone.localdate(now),
        }

    # What is asked follows the next session, which changes when one begins: the number of
    # sessions begun keeps a copy from outliving it (as on the session list).
    begun = Session.objects.filter(plan__workspace=workspace, starts_at__lte=now).count()
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
