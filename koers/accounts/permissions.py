"""The one permission door: every view and API endpoint fetches its object through here.

A user who is not a member of the object's workspace gets 404 (they must not learn it exists);
a member whose role lacks the capability gets 403.
"""

from enum import StrEnum
from functools import cache

from django.core.exceptions import PermissionDenied
from django.http import Http404

from koers.accounts import zones
from koers.accounts.models import Membership, Role, User, Workspace
from koers.lib import rows


class Can(StrEnum):
    VIEW = "view"
    EDIT_PLAN = "edit_plan"  # objective, goals, strategies, measures, plan details
    CREATE_PLAN = "create_plan"
    INVITE = "invite"
    MANAGE_ROLES = "manage_roles"
    UPDATE_ANY_ACTION = "update_any_action"
    MANAGE_ACTIONS = "manage_actions"  # create, delete, accept proposals
    PROPOSE_ACTION = "propose_action"
    UPDATE_OWN_ACTION = "update_own_action"
    RUN_SESSIONS = "run_sessions"
    ENTER_FIGURES = "enter_figures"  # dashboard measurements
    EDIT_ANALYSIS = "edit_analysis"  # business model, SWOT, trends, scenarios, brainstorms
    CONTRIBUTE = "contribute"  # ideas, votes and signals for the analysis tools
    MANAGE_WEBHOOKS = "manage_webhooks"  # the workspace's webhook endpoints and their secrets
    MANAGE_WORKSPACE = "manage_workspace"  # the workspace's own settings: name, time zone


_ALL = set(Can)
ROLE_CAPABILITIES: dict[str, frozenset[Can]] = {
    Role.OGSM_OWNER: frozenset(_ALL),
    Role.PROCESS_OWNER: frozenset(
        {
            Can.VIEW,
            Can.INVITE,
            Can.UPDATE_ANY_ACTION,
            Can.MANAGE_ACTIONS,
            Can.PROPOSE_ACTION,
            Can.UPDATE_OWN_ACTION,
            Can.RUN_SESSIONS,
            Can.ENTER_FIGURES,
            Can.EDIT_ANALYSIS,
            Can.CONTRIBUTE,
        }
    ),
    Role.MEMBER: frozenset(
        {Can.VIEW, Can.PROPOSE_ACTION, Can.UPDATE_OWN_ACTION, Can.ENTER_FIGURES, Can.CONTRIBUTE}
    ),
    Role.VIEWER: frozenset({Can.VIEW}),
}


# Rights that are not about one plan: they follow the workspace role even where a member has
# another role on a plan (koers.plans.roles); every other capability is the plan role's there.
WORKSPACE_WIDE = frozenset(
    {
        Can.CREATE_PLAN,
        Can.INVITE,
        Can.MANAGE_ROLES,
        Can.EDIT_ANALYSIS,
        Can.CONTRIBUTE,
        Can.MANAGE_WEBHOOKS,
        Can.MANAGE_WORKSPACE,
    }
)


def can(membership: Membership | None, capability: Can) -> bool:
    return capability in capabilities_of(membership)


def capabilities_of(membership: Membership | None) -> frozenset[Can]:
    """The member's capabilities: their role's, or, for a membership as it counts on one plan
    (`koers.plans.roles.effective_membership`), the ones worked out for that plan."""
    if membership is None:
        return frozenset()
    mixed = getattr(membership, "effective_capabilities", None)
    if mixed is not None:
        return mixed
    return ROLE_CAPABILITIES.get(membership.role, frozenset())


def people_who_can(workspace, capability: Can = Can.UPDATE_OWN_ACTION, *, besides=None):
    """Members whose role has `capability`: the people every people picker offers (owners of
    actions, KPIs, follow-ups; whom to ask) — a read-only viewer cannot act, so is not offered;
    `besides` leaves someone out (you do not ask yourself)."""
    roles = [role for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities]
    people = User.objects.filter(
        memberships__workspace=workspace, memberships__role__in=roles
    ).order_by("first_name", "username")
    return people.exclude(pk=besides.pk) if besides is not None else people


def someone_can_edit(workspace_roles: dict, plan_roles: dict) -> bool:
    """Whether anyone can edit a plan, from each member's workspace role ({user id: role}) and
    the plan's roles ({user id: role}, which replace it there): the rule that no change of a
    role may break (koers.plans.roles.set_plan_role) and the members page warns of."""
    return any(
        Can.EDIT_PLAN in ROLE_CAPABILITIES.get(plan_roles.get(user_id, role), ())
        for user_id, role in workspace_roles.items()
    )


def grantable_roles(membership: Membership | None) -> list[str]:
    """Roles a member may hand out by invitation: never more power than their own."""
    mine = capabilities_of(membership)
    return [role for role, capabilities in ROLE_CAPABILITIES.items() if capabilities <= mine]


def require(membership: Membership | None, capability: Can) -> None:
    if membership is None:
        raise Http404
    if not can(membership, capability):
        raise PermissionDenied


def get_membership_for(request, workspace_slug: str, need: Can = Can.VIEW) -> Membership:
    """The requesting user's membership of the workspace (with the workspace), checked for
    `need`; one query."""
    if not request.user.is_authenticated:
        raise Http404
    using = Membership.objects.db
    row = rows.fetch_one(_door_sql(using), {"slug": workspace_slug, "user": request.user.pk}, using)
    if row is None:
        raise Http404
    membership = rows.instance(Membership, row, "m", using)
    membership.workspace = rows.instance(Workspace, row, "w", using)
    zones.enter(membership.workspace)
    require(membership, need)
    membership.user = request.user  # already loaded (and checked active) by authentication
    return membership


@cache
def _door_sql(using: str) -> str:
    """Every workspace page passes this door, so its SQL is written once (koers.lib.rows)."""
    q = rows.quote
    return (
        f"SELECT {rows.columns(Membership, 'm', using)}, {rows.columns(Workspace, 'w', using)} "  # noqa: S608
        f"FROM {rows.table(Membership, using)} m "
        f"JOIN {rows.table(Workspace, using)} w ON w.{q('id')} = m.{q('workspace_id')} "
        f"WHERE w.{q('slug')} = %(slug)s AND m.{q('user_id')} = %(user)s"
    )
