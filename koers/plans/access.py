"""Fetch a plan (or something in it) and check the requester's role in one call."""

from django.db.models import F
from django.http import Http404

from koers.accounts.models import Membership
from koers.accounts.permissions import Can, capabilities_of, require
from koers.lib.ids import MAX_ID
from koers.plans.models import Plan


def plan_capabilities(plan, membership) -> frozenset:
    """What the member may do on this plan's pages: an archived plan is read-only, so its
    pages show no editing controls (the door refuses the edits themselves)."""
    capabilities = capabilities_of(membership)
    if plan.archived_at is not None:
        capabilities = capabilities - {Can.EDIT_PLAN}
    return capabilities


def valid_id(value) -> int:
    """An id from the URL, or 404: larger ones cannot exist and would overflow the database."""
    value = int(value)
    if not 0 < value <= MAX_ID:
        raise Http404
    return value


def with_membership(queryset, slug: str, user, plan_path: str = ""):
    """`queryset` limited to the workspace `slug` where `user` is a member, each row annotated
    with the membership's `member_id` and `member_role` (the same join, so one query).
    `plan_path` leads from the queryset's model to its plan ("plan__" for a session)."""
    memberships = f"{plan_path}workspace__memberships"
    return queryset.filter(
        **{f"{plan_path}workspace__slug": slug, f"{memberships}__user_id": user.pk}
    ).annotate(member_id=F(f"{memberships}__id"), member_role=F(f"{memberships}__role"))


def check(request, plan, member_id, member_role, need) -> Membership:
    """The requester's membership (from the door's row), checked for `need` on this plan."""
    membership = Membership(
        pk=member_id, workspace=plan.workspace, user=request.user, role=member_role
    )
    require(membership, need)
    if plan.archived_at is not None and need != Can.VIEW:
        raise Http404
    return membership


def get_plan_for(request, slug: str, plan_id: int, need: Can = Can.VIEW):
    """Return (plan, membership); 404 for outsiders and other workspaces, 403 for a weak role.

    One query fetches the plan, its workspace and the requester's membership together.
    """
    if not request.user.is_authenticated:
        raise Http404
    plans = Plan.objects.select_related("workspace").filter(pk=valid_id(plan_id))
    plan = with_membership(plans, slug, request.user).first()
    if plan is None:
        raise Http404
    return plan, check(request, plan, plan.member_id, plan.member_role, need)
