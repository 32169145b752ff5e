"""Fetch a plan (or something in it) and check the requester's role in one call."""

from functools import cache

from django.http import Http404

from koers.accounts.models import Membership, Workspace
from koers.accounts.permissions import Can, capabilities_of, require
from koers.lib import rows
from koers.lib.ids import MAX_ID
from koers.plans.models import Plan


@cache
def door_sql(using: str, more_columns: str = "", more_joins: str = "") -> str:
    """The door's SQL; a caller that needs a row of the plan along (a session) adds its columns
    and joins, whose parameters come before the door's own (see `pass_door`)."""
    q = rows.quote
    # Only quoted identifiers from the models' metadata are formatted in; values are parameters.
    return (
        f"SELECT {rows.columns(Plan, 'p', using)}, {rows.columns(Workspace, 'w', using)}, "  # noqa: S608
        f"m.{q('id')}, m.{q('role')}{more_columns} "
        f"FROM {rows.table(Plan, using)} p "
        f"JOIN {rows.table(Workspace, using)} w ON w.{q('id')} = p.{q('workspace_id')} "
        f"JOIN {rows.table(Membership, using)} m ON m.{q('workspace_id')} = w.{q('id')}"
        f"{more_joins} "
        f"WHERE p.{q('id')} = %s AND w.{q('slug')} = %s AND m.{q('user_id')} = %s"
    )


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


def get_plan_for(request, slug: str, plan_id: int, need: Can = Can.VIEW):
    """Return (plan, membership); 404 for outsiders and other workspaces, 403 for a weak role.

    One query fetches the plan, its workspace and the requester's membership together. This
    door is passed on every plan page, cached or not, so its SQL is written once (koers.lib.rows)
    rather than compiled by the ORM on each request.
    """
    plan, membership, _rest = pass_door(request, slug, plan_id, need)
    return plan, membership


def pass_door(request, slug, plan_id, need, sql=None, params=()):
    """The door with `sql` from `door_sql` (more columns and joins, their `params` first):
    (plan, membership, the row's further columns). No row, as when a joined row is missing
    or belongs to another plan, is a 404."""
    if not request.user.is_authenticated:
        raise Http404
    using = Plan.objects.db
    row = rows.fetch_one(
        sql or door_sql(using), [*params, valid_id(plan_id), slug, request.user.pk], using
    )
    if row is None:
        raise Http404
    plan_width = len(Plan._meta.concrete_fields)
    workspace_end = plan_width + len(Workspace._meta.concrete_fields)
    plan = rows.instance(Plan, row[:plan_width], using)
    workspace = rows.instance(Workspace, row[plan_width:workspace_end], using)
    plan.workspace = workspace
    role_id, role = row[workspace_end : workspace_end + 2]
    membership = Membership(pk=role_id, workspace=workspace, user=request.user, role=role)
    require(membership, need)
    if plan.archived_at is not None and need != Can.VIEW:
        raise Http404
    return plan, membership, row[workspace_end + 2 :]
