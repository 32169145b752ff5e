"""Fetch a plan (or something in it) and check the requester's role in one call."""

from functools import cache

from django.http import Http404

from koers.accounts.models import Membership, Workspace
from koers.accounts.permissions import Can, require
from koers.lib import rows
from koers.plans.models import Plan

# Larger ids cannot exist and would overflow the database's integer parameter.
MAX_ID = 2**63 - 1


@cache
def _door_sql(using: str) -> str:
    q = rows.quote
    # Only quoted identifiers from the models' metadata are formatted in; values are parameters.
    return (
        f"SELECT {rows.columns(Plan, 'p', using)}, {rows.columns(Workspace, 'w', using)}, "  # noqa: S608
        f"m.{q('id')}, m.{q('role')} "
        f"FROM {rows.table(Plan, using)} p "
        f"JOIN {rows.table(Workspace, using)} w ON w.{q('id')} = p.{q('workspace_id')} "
        f"JOIN {rows.table(Membership, using)} m ON m.{q('workspace_id')} = w.{q('id')} "
        f"WHERE p.{q('id')} = %s AND w.{q('slug')} = %s AND m.{q('user_id')} = %s"
    )


def get_plan_for(request, slug: str, plan_id: int, need: Can = Can.VIEW):
    """Return (plan, membership); 404 for outsiders and other workspaces, 403 for a weak role.

    One query fetches the plan, its workspace and the requester's membership together. This
    door is passed on every plan page, cached or not, so its SQL is written once (koers.lib.rows)
    rather than compiled by the ORM on each request.
    """
    if not request.user.is_authenticated or not 0 < int(plan_id) <= MAX_ID:
        raise Http404
    using = Plan.objects.db
    row = rows.fetch_one(_door_sql(using), [plan_id, slug, request.user.pk], using)
    if row is None:
        raise Http404
    plan_width = len(Plan._meta.concrete_fields)
    plan = rows.instance(Plan, row[:plan_width], using)
    workspace = rows.instance(Workspace, row[plan_width:-2], using)
    plan.workspace = workspace
    membership = Membership(pk=row[-2], workspace=workspace, user=request.user, role=row[-1])
    require(membership, need)
    if plan.archived_at is not None and need != Can.VIEW:
        raise Http404
    return plan, membership
