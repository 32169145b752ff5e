"""Fetch a plan (or something in it) and check the requester's role in one call."""

from functools import cache

from django.core.exceptions import PermissionDenied
from django.http import Http404

from koers.accounts import zones
from koers.accounts.models import Membership, Workspace
from koers.accounts.permissions import Can, capabilities_of, get_membership_for, require
from koers.accounts.revision import revision_sql
from koers.lib import rows
from koers.lib.ids import MAX_ID
from koers.plans.models import Plan, PlanRole
from koers.plans.roles import (
    effective_capabilities,
    effective_membership,
    may_manage_plan_roles,
    plan_roles_of,
)


def plan_capabilities(plan, membership) -> frozenset:
    """What the member may do on this plan's pages: an archived plan is read-only, so its
    pages show no editing controls (the door refuses the edits themselves)."""
    capabilities = capabilities_of(membership)
    if plan.archived_at is not None:
        capabilities = capabilities - {Can.EDIT_PLAN}
    if may_manage_plan_roles(membership):
        capabilities = capabilities | {"manage_plan_roles"}  # the link to the plan's roles
    return capabilities


@cache
def door_sql(using: str, more_columns: str = "", more_joins: str = "") -> str:
    """The door's SQL; a caller that needs a row of the plan along (a session) adds its named
    columns and its joins, with named parameters of their own (see `pass_door`). The member's
    role on this plan, if they have one, comes along (`plan_role`): it counts in place of the
    workspace role (koers.plans.roles)."""
    q = rows.quote
    return (
        f"SELECT {rows.columns(Plan, 'p', using)}, {rows.columns(Workspace, 'w', using)}, "  # noqa: S608
        f"m.{q('id')} AS {q('member_id')}, m.{q('role')} AS {q('member_role')}, "
        f"r.{q('role')} AS {q('plan_role')}{more_columns} "
        f"FROM {rows.table(Plan, using)} p "
        f"JOIN {rows.table(Workspace, using)} w ON w.{q('id')} = p.{q('workspace_id')} "
        f"JOIN {rows.table(Membership, using)} m ON m.{q('workspace_id')} = w.{q('id')} "
        f"LEFT JOIN {rows.table(PlanRole, using)} r "
        f"ON r.{q('plan_id')} = p.{q('id')} AND r.{q('user_id')} = m.{q('user_id')}"
        f"{more_joins} "
        f"WHERE p.{q('id')} = %(plan)s AND w.{q('slug')} = %(slug)s AND m.{q('user_id')} = %(user)s"
    )


def get_membership_acting_for(request, slug: str, need: Can):
    """The workspace membership of someone who has `need` in the workspace or on one of its
    plans (a member's plan role may give it where the workspace role does not); 403 otherwise.
    What they may do per plan is then asked per item with `roles.on_plan`."""
    membership = get_membership_for(request, slug)
    if need not in capabilities_of(membership) and not any(
        need in effective_capabilities(membership.role, role)
        for role in plan_roles_of(request.user.pk, membership.workspace_id).values()
    ):
        raise PermissionDenied
    return membership


def get_plan_roles_for(request, slug: str, plan_id: int):
    """(plan, membership on the plan) for the plan's roles page: the workspace's role managers
    and the plan's own OGSM owner; 403 for others. An archived plan's roles are not changed."""
    plan, membership = get_plan_for(request, slug, plan_id)
    if not may_manage_plan_roles(membership):
        raise PermissionDenied
    if request.method not in ("GET", "HEAD") and plan.archived_at is not None:
        raise Http404  # as the door answers every other edit of an archived plan
    return plan, membership


def valid_id(value) -> int:
    """An id from the URL, or 404: larger ones cannot exist and would overflow the database."""
    value = int(value)
    if not 0 < value <= MAX_ID:
        raise Http404
    return value


def get_plan_for(request, slug: str, plan_id: int, need: Can = Can.VIEW):
    """Return (plan, membership); 404 for outsiders and other workspaces, 403 for a weak role.

    The membership is as it counts on this plan: a role on the plan replaces the workspace
    role there (koers.plans.roles.effective_membership).

    One query fetches the plan, its workspace and the requester's membership together. This
    door is passed on every plan page, cached or not, so its SQL is written once (koers.lib.rows)
    rather than compiled by the ORM on each request.
    """
    plan, membership, _row = pass_door(request, slug, plan_id, need)
    return plan, membership


@cache
def _revision_door_sql(using: str, areas: tuple) -> str:
    q = rows.quote
    revision = revision_sql(areas, f"p.{q('id', using)}", using)
    return door_sql(using, more_columns=f", {revision} AS {q('plan_revision', using)}")


def get_plan_and_revision_for(request, slug: str, plan_id: int, areas: tuple, need=Can.VIEW):
    """`get_plan_for`, and the plan's revision for `areas` (koers.accounts.revision) read in
    the door's one query: (plan, membership, revision). What a page keeps of one plan's rows is
    keyed on it (koers.dashboard.per_plan), so a change elsewhere costs no query to notice."""
    sql = _revision_door_sql(Plan.objects.db, tuple(areas))
    plan, membership, row = pass_door(request, slug, plan_id, need, sql=sql)
    return plan, membership, int(row["plan_revision"])


def pass_door(request, slug, plan_id, need, sql=None, params=None):
    """The door with `sql` from `door_sql` (more columns and joins, their named `params`):
    (plan, membership, the whole row, to read the further columns from). No row, as when a
    joined row is missing or belongs to another plan, is a 404."""
    if not request.user.is_authenticated:
        raise Http404
    using = Plan.objects.db
    door = {"plan": valid_id(plan_id), "slug": slug, "user": request.user.pk}
    row = rows.fetch_one(sql or door_sql(using), {**(params or {}), **door}, using)
    if row is None:
        raise Http404
    plan = rows.instance(Plan, row, "p", using)
    plan.workspace = rows.instance(Workspace, row, "w", using)
    zones.enter(plan.workspace)
    membership = Membership(
        pk=row["member_id"], workspace=plan.workspace, user=request.user, role=row["member_role"]
    )
    membership = effective_membership(membership, row["plan_role"], plan.pk)
    require(membership, need)
    if plan.archived_at is not None and need != Can.VIEW:
        raise Http404
    return plan, membership, row
