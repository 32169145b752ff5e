"""Roles per plan: the one place that says what a member's role counts for on a plan.

Workspace roles are the default. A `PlanRole` replaces it on its plan, up or down, for every
capability about the plan; the rights that are not about one plan (`WORKSPACE_WIDE`: inviting,
roles, analysis tools, webhooks, new plans) keep following the workspace role. The plan door
(`plans.access.pass_door`) hands out the membership as it counts on its plan; code that holds a
workspace membership and meets objects of several plans (My work, requests) asks `on_plan`.
Never read `membership.role` to decide a right on a plan.
"""

import copy

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from koers.accounts.models import Membership, Role, User
from koers.accounts.permissions import (
    ROLE_CAPABILITIES,
    WORKSPACE_WIDE,
    Can,
    capabilities_of,
    people_who_can,
    someone_can_edit,
)
from koers.lib.versioning import StaleEdit
from koers.plans.models import PlanRole


class PlanRoleError(Exception):
    """A plan role change that is refused, with a message for the person who tried."""


def effective_capabilities(workspace_role: str, plan_role: str | None) -> frozenset[Can]:
    """Workspace-wide rights from the workspace role, the plan's from the plan role (if any)."""
    mine = ROLE_CAPABILITIES.get(workspace_role, frozenset())
    if not plan_role:
        return mine
    on_the_plan = ROLE_CAPABILITIES.get(plan_role, frozenset()) - WORKSPACE_WIDE
    return (mine & WORKSPACE_WIDE) | on_the_plan


def effective_membership(membership: Membership, plan_role: str | None, plan_id: int):
    """A copy of the workspace membership as it counts on plan `plan_id`: its `role` is the plan
    role (when there is one), `workspace_role` the workspace's, and `capabilities_of` reads
    `effective_capabilities`. The copy is never saved (it is not the stored row)."""
    scoped = copy.copy(membership)
    scoped.workspace_role = getattr(membership, "workspace_role", membership.role)
    scoped.plan_role = plan_role or None
    scoped.plan_scope = plan_id
    scoped.role = plan_role or scoped.workspace_role
    scoped.effective_capabilities = effective_capabilities(scoped.workspace_role, plan_role)
    return scoped


def plan_roles_of(user_id: int, workspace_id: int) -> dict[int, str]:
    """{plan id: role} of the person's plan roles in the workspace, in one query."""
    return dict(
        PlanRole.objects.filter(user_id=user_id, plan__workspace_id=workspace_id).values_list(
            "plan_id", "role"
        )
    )


def on_plan(membership: Membership | None, plan_id):
    """The membership as it counts on a plan. `plan_id` may be a function giving it, called
    only when needed. A membership from the plan door counts for its own plan already; a
    workspace membership loads the person's plan roles once (one query) and keeps them."""
    if membership is None:
        return None
    scope = getattr(membership, "plan_scope", None)
    if scope is not None:
        return membership  # the door's copy: only its own plan's objects are reached with it
    plan_id = plan_id() if callable(plan_id) else plan_id
    cached = membership.__dict__.setdefault("_on_plan", {})
    if plan_id not in cached:
        if "_plan_roles" not in membership.__dict__:
            membership._plan_roles = plan_roles_of(membership.user_id, membership.workspace_id)
        cached[plan_id] = effective_membership(
            membership, membership._plan_roles.get(plan_id), plan_id
        )
    return cached[plan_id]


# People pickers ----------------------------------------------------------------------------


def people_on_plan(plan, capability: Can = Can.UPDATE_OWN_ACTION, *, besides=None):
    """`people_who_can` for a plan's own pickers (owners of its actions, strategies, KPIs):
    members whose role *on this plan* has the capability. One query, however many plan roles."""
    if capability in WORKSPACE_WIDE:
        return people_who_can(plan.workspace, capability, besides=besides)
    roles = [role for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities]
    plan_roles = PlanRole.objects.filter(plan_id=plan.pk, user=OuterRef("pk"))
    people = User.objects.filter(
        Q(memberships__workspace_id=plan.workspace_id),
        Q(Exists(plan_roles.filter(role__in=roles)))
        | (Q(memberships__role__in=roles) & ~Exists(plan_roles)),
    ).order_by("first_name", "username")
    return people.exclude(pk=besides.pk) if besides is not None else people


# Who an update round asks: those whose role on the plan lets them update their own actions
# (a viewer there cannot act, and their personal link would open nothing).
ASKED = Can.UPDATE_OWN_ACTION


def may_be_asked(plan) -> set[int]:
    """Ids of the people an update round of `plan` may ask (`ASKED`): the round's requests,
    reminders and its page (koers.meetings.rounds); one query."""
    return set(people_on_plan(plan, ASKED).values_list("pk", flat=True))


def asked_on_plan_q(user, plan_ref: str) -> Q:
    """The same rule for one person over many plans (My work, the one-page update form):
    a condition on the plan at `plan_ref` that `user`'s role there has `ASKED`."""
    roles = [role for role, capabilities in ROLE_CAPABILITIES.items() if ASKED in capabilities]
    plan_roles = PlanRole.objects.filter(plan=OuterRef(plan_ref), user=user)
    workspace_role = Membership.objects.filter(
        workspace=OuterRef(f"{plan_ref}__workspace"), user=user, role__in=roles
    )
    return Q(Exists(plan_roles.filter(role__in=roles))) | (
        ~Q(Exists(plan_roles)) & Q(Exists(workspace_role))
    )


# The plan roles page -----------------------------------------------------------------------


def may_manage_plan_roles(membership_on_plan) -> bool:
    """The workspace's role managers and the plan's own (effective) OGSM owner."""
    return (
        Can.MANAGE_ROLES in capabilities_of(membership_on_plan)
        or membership_on_plan.role == Role.OGSM_OWNER
    )


def grantable_plan_roles(membership_on_plan, plan=None) -> list[str]:
    """Roles someone may hand out on this plan: never more than their own rights on it. One
    rescue: when nobody can edit the plan any more (its owner left the workspace), a role
    manager may hand out what their workspace role allows, so the plan is not stuck."""
    mine = capabilities_of(membership_on_plan) - WORKSPACE_WIDE
    if (
        plan is not None
        and Can.MANAGE_ROLES in capabilities_of(membership_on_plan)
        and not _editors_after(plan, None, None)
    ):
        mine = ROLE_CAPABILITIES.get(membership_on_plan.workspace_role, frozenset())
    return [
        role
        for role, capabilities in ROLE_CAPABILITIES.items()
        if capabilities - WORKSPACE_WIDE <= mine
    ]


def grantable_choices(membership_on_plan, plan) -> list[tuple[str, str]]:
    """The roles of `grantable_plan_roles` with their names, for the page's choice."""
    grantable = grantable_plan_roles(membership_on_plan, plan)
    return [(value, label) for value, label in Role.choices if value in grantable]


def plan_members(plan) -> list[Membership]:
    """The workspace's members, each with `plan_role` (the PlanRole or None), `effective_role`
    on this plan and `stranded`: how many of the plan's open actions they own but may not
    update with that role (a role lowered to viewer leaves them unattended). Three queries."""
    from koers.actions.queries import open_actions  # actions build on plans

    members = list(
        plan.workspace.memberships.select_related("user").order_by(
            "user__first_name", "user__username"
        )
    )
    by_user = {r.user_id: r for r in PlanRole.objects.filter(plan=plan)}
    owned = dict(
        open_actions(plan)
        .order_by()
        .values("owner_id")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "n")
    )
    for member in members:
        member.plan_role = by_user.get(member.user_id)
        member.effective_role = member.plan_role.role if member.plan_role else member.role
        updates = ROLE_CAPABILITIES.get(member.effective_role, frozenset()) & {
            Can.UPDATE_OWN_ACTION,
            Can.UPDATE_ANY_ACTION,
        }
        member.stranded = 0 if updates else owned.get(member.user_id, 0)
    return members


def _editors_after(plan, user_id: int | None, role: str | None) -> bool:
    """Whether someone can still edit the plan once `user_id`'s plan role is `role` (no
    `user_id`: as it is now)."""
    plan_roles = dict(PlanRole.objects.filter(plan=plan).values_list("user_id", "role"))
    if user_id is not None and role:
        plan_roles[user_id] = role
    elif user_id is not None:
        plan_roles.pop(user_id, None)
    workspace_roles = dict(plan.workspace.memberships.values_list("user_id", "role"))
    return someone_can_edit(workspace_roles, plan_roles)


@transaction.atomic
def set_plan_role(plan, by, user_id: int, role: str | None, expected_version: int) -> None:
    """Give `user_id` the role `role` on the plan, or (None) the workspace's again.

    `by` is the acting membership as it counts on this plan. Refused (PlanRoleError): someone
    who is not a member, a role above the actor's own on the plan, leaving no one who can edit
    the plan. `expected_version` is the version of the plan role the form showed (0 for none);
    another value is a StaleEdit.
    """
    if role and role not in Role.values:
        raise PlanRoleError(_("Unknown role."))
    member = plan.workspace.memberships.filter(user_id=user_id).first()
    if member is None:
        raise PlanRoleError(_("Only members of this workspace can have a role on a plan."))
    allowed = grantable_plan_roles(by, plan)
    current = PlanRole.objects.select_for_update().filter(plan=plan, user_id=user_id).first()
    if (role or member.role) not in allowed or (current.role if current else member.role) not in (
        allowed
    ):
        raise PlanRoleError(_("You cannot give someone more rights on this plan than you have."))
    if (current.version if current else 0) != expected_version:
        raise StaleEdit
    if not _editors_after(plan, user_id, role):
        raise PlanRoleError(
            _("Nobody could edit this plan any more: keep at least one OGSM owner on it.")
        )
    if not role:
        if current is not None:
            current.delete()
    elif current is None:
        PlanRole.objects.create(plan=plan, user_id=user_id, role=role)
    elif current.role != role:
        current.role = role
        current.version += 1
        current.save(update_fields=["role", "version"])


def forget_plan_roles(sender, instance: Membership, **kwargs) -> None:
    """Someone who leaves a workspace keeps no role on its plans (connected in apps.py: the
    PlanRole's user outlives the membership, so no cascade removes it)."""
    PlanRole.objects.filter(
        user_id=instance.user_id, plan__workspace_id=instance.workspace_id
    ).delete()
