"""Fetch a plan (or something in it) and check the requester's role in one call."""

from django.db.models import F
from django.http import Http404

from koers.accounts.models import Membership
from koers.accounts.permissions import Can, require
from koers.plans.models import Plan


def get_plan_for(request, slug: str, plan_id: int, need: Can = Can.VIEW):
    """Return (plan, membership); 404 for outsiders and other workspaces, 403 for a weak role.

    One query fetches the plan, its workspace and the requester's membership together: this door
    is passed on every plan page, so it is kept to a single round trip.
    """
    if not request.user.is_authenticated:
        raise Http404
    plan = (
        Plan.objects.select_related("workspace")
        .filter(pk=plan_id, workspace__slug=slug, workspace__memberships__user=request.user)
        .annotate(
            member_role=F("workspace__memberships__role"),
            membership_id=F("workspace__memberships__id"),
        )
        .first()
    )
    if plan is None:
        raise Http404
    membership = Membership(
        pk=plan.membership_id, workspace=plan.workspace, user=request.user, role=plan.member_role
    )
    require(membership, need)
    if plan.archived_at is not None and need != Can.VIEW:
        raise Http404
    return plan, membership
