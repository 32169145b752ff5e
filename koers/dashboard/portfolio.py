"""The workspace's plans as a tree of cascaded plans, each with how it goes (the portfolio page,
the parent's "Child plans" agenda item).

How a plan goes is read with the dashboard's rules, not new ones: the worst colour its strategy
owners declared (`actions.models.colour_severity`) and how far it is behind
(`status.behind`: KPIs off track, open actions red or overdue). `plan_statuses` loads it for
any number of plans in a fixed number of queries; `tree` is pure.
"""

import functools
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Exists, Max, Q

from koers.accounts.models import Membership, Role
from koers.actions.models import Action, colour_severity
from koers.actions.queries import latest_strategy_colour, open_q, requests_to_plan
from koers.dashboard import latest, per_plan, status
from koers.dashboard.models import Kpi
from koers.lib.keptrows import Rows
from koers.plans.models import Plan, PlanLink, PlanRole, PlanVersion, Strategy

ACTIVE, ARCHIVED, DRAFT = "active", "archived", "draft"
STATUSES = (ACTIVE, ARCHIVED, DRAFT)


@dataclass
class PlanStatus:
    plan: Plan
    declared: str  # the worst colour declared on its strategies, "" before any
    behind: status.Behind
    last_update: datetime | None
    owners: list = field(default_factory=list)
    draft: bool = False  # a next version is being drafted

    @property
    def state(self) -> str:
        if self.plan.archived_at is not None:
            return ARCHIVED
        return DRAFT if self.draft else ACTIVE


def plan_statuses(
    plans: list[Plan], today: date, with_owners: bool = True
) -> dict[int, PlanStatus]:
    """plan id -> its PlanStatus, in a fixed number of queries whatever the number of plans:
    the plans' revisions (none when the plans were read with them: `with_revisions`), one for
    the KPIs, two for the strategies and versions and one for the actions of the plans changed
    since each part was kept (`per_plan`), and two for the owners (which the agenda's "Child
    plans" item does not show)."""
    ids = [p.pk for p in plans]
    if all(REVISIONS[0] in p.__dict__ for p in plans):
        revisions = [(p.pk, *(getattr(p, name) for name in REVISIONS)) for p in plans]
    else:
        query = with_revisions(Plan.objects.filter(pk__in=ids)).order_by()
        revisions = list(query.values_list("pk", *REVISIONS))
    parts = {}
    for at, (name, areas, compute) in enumerate(
        [
            (REVISIONS[0], per_plan.KPIS, _off_track),
            (REVISIONS[1], per_plan.STRATEGIES, _strategies),
            (REVISIONS[2], per_plan.ACTIONS, _actions),
        ]
    ):
        made = {row[0]: row[at + 1] for row in revisions}
        parts[name] = per_plan.kept(
            f"plan-{name}", areas, ids, functools.partial(compute, today=today), made
        )
    kpis, strategies, actions = (parts[name] for name in REVISIONS)
    owners = plan_owners(plans) if with_owners else {}
    return {
        plan.pk: PlanStatus(
            plan=plan,
            declared=strategies[plan.pk]["declared"],
            behind=status.Behind(kpis[plan.pk], actions[plan.pk]["late"]),
            last_update=actions[plan.pk]["last_update"],
            owners=owners.get(plan.pk, []),
            draft=strategies[plan.pk]["draft"],
        )
        for plan in plans
    }


REVISIONS = ("kpis_revision", "strategies_revision", "actions_revision")


def with_revisions(plans):
    """A query of plans annotated with the revisions `plan_statuses` keeps their parts under."""
    return plans.annotate(
        kpis_revision=per_plan.revision(per_plan.KPIS),
        strategies_revision=per_plan.revision(per_plan.STRATEGIES),
        actions_revision=per_plan.revision(per_plan.ACTIONS),
    )


def _off_track(ids: set, today: date) -> dict[int, int]:
    """Plan id -> how many of its KPIs are off track (`status.behind`), from its KPI rows,
    their figures and milestones alone."""
    counted = dict.fromkeys(ids, 0)
    # Only what the status rule reads, as plain values (koers.dashboard.latest).
    for kpi, kpi_status in latest.status_rows(Kpi.objects.filter(plan_id__in=ids), today):
        counted[kpi.plan_id] += kpi_status == status.OFF_TRACK
    return counted


def _strategies(ids: set, today: date) -> dict[int, dict]:
    """Plan id -> the worst colour declared on its strategies and whether a next version is in
    draft, from its strategies, their updates and its versions alone."""
    declared: dict = {}
    strategies = Strategy.objects.filter(plan_id__in=ids).annotate(
        declared=latest_strategy_colour("pk")
    )
    for plan_id, colour in strategies.values_list("plan_id", "declared"):
        if colour:
            declared.setdefault(plan_id, []).append(colour)
    drafts = set(
        PlanVersion.objects.filter(plan_id__in=ids, status=PlanVersion.Status.DRAFT).values_list(
            "plan_id", flat=True
        )
    )
    return {
        pk: {
            "declared": min(declared.get(pk, []), key=colour_severity, default=""),
            "draft": pk in drafts,
        }
        for pk in ids
    }


def _actions(ids: set, today: date) -> dict[int, dict]:
    """Plan id -> its open actions red or overdue and their latest update, from its actions and
    strategies alone."""
    # Counted in the database: a workspace's plans hold thousands of open actions.
    late: dict = {}
    updated: dict = {}
    open_ones = (
        Action.objects.filter(open_q(), strategy__plan_id__in=ids)
        .values("strategy__plan_id")
        .annotate(late=Count("pk", filter=status.late_q(today)), last=Max("last_update_at"))
        .order_by()
        .values_list("strategy__plan_id", "late", "last")
    )
    for plan_id, late_ones, last_update in open_ones:
        late[plan_id], updated[plan_id] = late_ones, last_update
    return {pk: {"late": late.get(pk, 0), "last_update": updated.get(pk)} for pk in ids}


def plan_owners(plans: list[Plan]) -> dict[int, list]:
    """A plan's owners: who holds the OGSM-owner role on it, else the workspace's OGSM owners.
    Two queries."""
    if not plans:
        return {}
    ids = [p.pk for p in plans]
    own: dict = {}
    roles = PlanRole.objects.filter(plan_id__in=ids, role=Role.OGSM_OWNER).select_related("user")
    for role in roles.order_by("user__username"):
        own.setdefault(role.plan_id, []).append(role.user)
    workspace_ids = {p.workspace_id for p in plans}
    general: dict = {}
    memberships = Membership.objects.filter(
        workspace_id__in=workspace_ids, role=Role.OGSM_OWNER
    ).select_related("user")
    for membership in memberships.order_by("user__username"):
        general.setdefault(membership.workspace_id, []).append(membership.user)
    return {p.pk: own.get(p.pk) or general.get(p.workspace_id, []) for p in plans}


@dataclass(frozen=True)
class Row:
    """One line of the tree: a plan at `depth`, under the items of its parent it serves (`via`);
    `several`: it serves more than one of the plans shown, so it appears under each."""

    plan_id: int
    depth: int
    via: tuple[str, ...] = ()
    several: bool = False


def tree(order: list[int], parents: dict[int, dict[int, list[str]]]) -> list[Row]:
    """The plans in `order`, each child under every shown plan it serves.

    `parents`: child id -> {parent plan id: titles of the items it serves there}. A plan whose
    parents are all left out (filtered, or in another workspace) is a root. Links form no
    circle (koers.plans.cascade), but the walk guards its path anyway."""
    shown = set(order)
    children: dict = {}
    for child in order:
        for parent, via in parents.get(child, {}).items():
            if parent in shown and parent != child:
                children.setdefault(parent, []).append((child, tuple(via)))
    rows: list[Row] = []

    def walk(plan_id, depth, via, path):
        several = sum(p in shown for p in parents.get(plan_id, {})) > 1
        rows.append(Row(plan_id, depth, via, several))
        for child, child_via in children.get(plan_id, []):
            if child not in path:
                walk(child, depth + 1, child_via, path | {child})

    for plan_id in order:
        if not any(p in shown for p in parents.get(plan_id, {})):
            walk(plan_id, 0, (), {plan_id})
    return rows


def links_of(workspace_id: int) -> dict[int, dict[int, list[str]]]:
    """child id -> {parent plan id: titles of the items it serves}, in one query."""
    parents: dict = {}
    links = PlanLink.objects.filter(child__workspace_id=workspace_id).select_related(
        "parent_strategy", "parent_goal"
    )
    for link in links:
        item = link.parent_item
        parents.setdefault(link.child_id, {}).setdefault(item.plan_id, []).append(item.title)
    return parents


def has_child_plans(plan: Plan) -> Exists:
    """Whether any plan serves an item of `plan`, to annotate a query of it with."""
    return Exists(
        PlanLink.objects.filter(
            Q(parent_strategy__plan_id=plan.pk) | Q(parent_goal__plan_id=plan.pk)
        )
    )


def child_plans(plan: Plan) -> list[Plan]:
    """The plans directly serving an item of `plan`, by name: one query."""
    return list(_child_plans(plan.pk))


def _child_plans(plan_id: int):
    return (
        Plan.objects.filter(
            Q(serves__parent_strategy__plan_id=plan_id) | Q(serves__parent_goal__plan_id=plan_id)
        )
        .select_related("workspace")
        .distinct()
        .order_by("name", "pk")
    )


def _active_child_plans(plan_id: int):
    # With their revisions: their statuses kept per plan cost no query of their own. Without
    # their workspace's revision, which every write moves: their rows key the agenda's block.
    plans = _child_plans(plan_id).filter(archived_at__isnull=True).defer("workspace__revision")
    return with_revisions(plans)


@dataclass
class ChildPlan:
    """A plan serving the plan a session is about: how it goes and what it asks of the parent
    (the "Child plans" item of the steering and plan session agendas)."""

    status: PlanStatus
    requests: list  # open ActionUpdate requests to people of the parent
    # Everything its lines show, the key of the agenda's kept item: the plan's row and its
    # requests' rows as read (`Rows.state`: their people, action and strategy joined) and
    # its status, which is computed from other rows.
    shown: tuple = ()


def child_plans_of(plan: Plan, today: date) -> list[ChildPlan]:
    """The active plans serving `plan`, with their status and open requests to it; one query
    when there are none, a fixed number otherwise. Both queries are compiled once per process
    (`Rows.of`): building them cost Django ten times what running them costs."""
    children = Rows.of(_active_child_plans, plan_id=plan.pk)
    if not children:
        return []
    statuses = plan_statuses(children.objects, today, with_owners=False)  # not shown there
    ids = tuple(children.column("id"))
    requests = Rows.of(requests_to_plan, parent_id=plan.pk, child_plan_ids=tuple(sorted(ids)))
    asked: dict = {}
    for at, plan_id in enumerate(requests.column("action__strategy__plan_id")):
        asked.setdefault(plan_id, []).append(at)
    entries = []
    for row, child in zip(children.state, children.objects, strict=True):
        own = requests.part(asked.get(child.pk, []))
        s = statuses[child.pk]
        shown = (row, own.state, s.declared, s.behind, s.last_update, s.draft)
        entries.append(ChildPlan(s, own.objects, shown))
    return entries
