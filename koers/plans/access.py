"""Fetch a plan (or something in it) and check the requester's role in one call."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from koers.accounts.permissions import Can, get_membership_for
from koers.plans.models import Plan


def get_plan_for(request, slug: str, plan_id: int, need: Can = Can.VIEW):
    """Return (plan, membership); 404 for outsiders and other workspaces, 403 for a weak role."""
    membership = get_membership_for(request, slug, need=need)
    plan = get_object_or_404(
        Plan.objects.select_related("workspace"), pk=plan_id, workspace=membership.workspace
    )
    if plan.archived_at is not None and need != Can.VIEW:
        raise Http404
    return plan, membership
