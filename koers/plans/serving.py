"""What a cascaded plan shows of its links: the items it serves, their change notices, the
items one may still link to, and on the parent the plans that serve each item.

The notice rule (`notice_for`) is pure: it reads versions' content (koers.plans.versions) and
says whether the served item changed after the version the child last marked seen. Loading is
a fixed number of queries per page, whatever the number of links.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from koers.lib.versioning import save_versioned
from koers.plans.cascade import descendants, parents_by_child
from koers.plans.compare import ItemChange, compare, measures_of
from koers.plans.models import Goal, Plan, PlanLink, PlanVersion, Strategy


@dataclass(frozen=True)
class Notice:
    """The served item changed (or was retired) in `version` of its plan, after the child's
    `seen_version`; `changes` from the seen version's content to the current one."""

    version: int
    retired: bool
    changes: tuple[ItemChange, ...] = field(default=())


def item_key(plan_link: PlanLink) -> tuple[str, str]:
    """("strategy" | "goal", its key in a version's content)."""
    if plan_link.parent_strategy_id:
        return "strategy", f"s{plan_link.parent_strategy_id}"
    return "goal", f"g{plan_link.parent_goal_id}"


def item_changes(kind: str, key: str, old: dict, new: dict) -> list[ItemChange]:
    """The changes from content `old` to `new` of one goal, or of one strategy and its
    measures (a measure moved in or out counts for the strategy)."""
    ours: set = set()
    if kind == "strategy":
        both = [*measures_of(old).items(), *measures_of(new).items()]
        ours = {k for k, measure in both if measure["strategy"] == key}
    return [c for c in compare(old, new) if c.key == key or (c.kind == "measure" and c.key in ours)]


def _present(kind: str, key: str, content: dict) -> bool:
    items = content.get("goals" if kind == "goal" else "strategies", [])
    return any(item["key"] == key for item in items)


def notice_for(
    kind: str, key: str, contents: dict, seen: int, current: int, retired: bool = False
) -> Notice | None:
    """The notice a child sees for the item `key`: `contents` maps version numbers (at least
    those from `seen` to `current`) to their content. `retired`: the item was retired in the
    live plan (possibly without a new version): that notice stays while the link does, since
    a retired item can no longer be served (the child removes the link or serves another)."""
    changed_in = 0
    for number in range(seen + 1, current + 1):
        before, after = contents.get(number - 1), contents.get(number)
        if before is not None and after is not None and item_changes(kind, key, before, after):
            changed_in = number
    old, new = contents.get(seen), contents.get(current)
    gone = retired or (new is not None and not _present(kind, key, new))
    if gone and (retired or changed_in):
        return Notice(changed_in or current, True)
    if not changed_in or old is None or new is None:
        return None
    return Notice(changed_in, False, tuple(item_changes(kind, key, old, new)))


def served_items(plan: Plan) -> list[PlanLink]:
    """The plan's links, each with its `parent_plan`, `kind` and `notice`: two queries."""
    links = list(
        PlanLink.objects.filter(child=plan).select_related(
            "parent_strategy__plan", "parent_goal__plan"
        )
    )
    stale = [link for link in links if _parent_plan(link).current_version > link.seen_version]
    contents: dict = {}
    if stale:
        wanted = Q()
        for link in stale:
            wanted |= Q(plan_id=_parent_plan(link).pk, number__gte=link.seen_version)
        rows = PlanVersion.objects.filter(wanted).exclude(status=PlanVersion.Status.DRAFT)
        for plan_id, number, content in rows.values_list("plan_id", "number", "content"):
            contents.setdefault(plan_id, {})[number] = content
    for link in links:
        link.parent_plan = _parent_plan(link)
        link.kind, key = item_key(link)
        item = link.parent_item
        link.notice = None
        if link.parent_plan.current_version > link.seen_version or item.retired_at:
            link.notice = notice_for(
                link.kind,
                key,
                contents.get(link.parent_plan.pk, {}),
                link.seen_version,
                link.parent_plan.current_version,
                retired=item.retired_at is not None,
            )
    return links


def _parent_plan(plan_link: PlanLink) -> Plan:
    return plan_link.parent_item.plan


def mark_seen(plan_link: PlanLink, expected_version: int) -> None:
    """The child has read what changed: notices start again from the parent's current version.
    StaleEdit if someone changed the link meanwhile."""
    plan_link.seen_version = plan_link.parent_item.plan.current_version
    save_versioned(plan_link, ["seen_version"], expected_version)


def serving_plans(plan: Plan) -> dict[tuple[str, int], list[PlanLink]]:
    """On the parent: ("strategy" | "goal", item id) -> the links of the plans serving it,
    each with its `child` plan loaded: one query."""
    links = PlanLink.objects.filter(
        Q(parent_strategy__plan=plan) | Q(parent_goal__plan=plan)
    ).select_related("child")
    found: dict = {}
    for link in links.order_by("child__name", "pk"):
        kind = "strategy" if link.parent_strategy_id else "goal"
        found.setdefault((kind, link.parent_strategy_id or link.parent_goal_id), []).append(link)
    return found


def link_choices(plan: Plan) -> list[tuple[str, list[tuple[str, str]]]]:
    """The items `plan` may still serve, grouped by plan: the live goals and strategies of the
    workspace's other active plans, leaving out the plan's own and those below it (a link to
    them would close a circle) and the items it serves already. Five queries."""
    below = descendants(plan.pk, parents_by_child(plan.workspace_id)) | {plan.pk}
    plans = list(
        Plan.objects.filter(workspace_id=plan.workspace_id, archived_at__isnull=True)
        .exclude(pk__in=below)
        .order_by("name", "pk")
    )
    taken = set(
        PlanLink.objects.filter(child=plan).values_list("parent_strategy_id", "parent_goal_id")
    )
    taken_s = {s for s, _g in taken if s}
    taken_g = {g for _s, g in taken if g}
    ids = [p.pk for p in plans]
    goals: dict = {}
    for goal in Goal.objects.filter(plan_id__in=ids).exclude(pk__in=taken_g):
        goals.setdefault(goal.plan_id, []).append((f"g{goal.pk}", f"G · {goal.title}"))
    strategies: dict = {}
    for number, strategy in _numbered(Strategy.objects.filter(plan_id__in=ids)):
        if strategy.pk not in taken_s:
            label = f"S{number} · {strategy.title}"
            strategies.setdefault(strategy.plan_id, []).append((f"s{strategy.pk}", label))
    grouped = []
    for other in plans:
        options = strategies.get(other.pk, []) + goals.get(other.pk, [])
        if options:
            grouped.append((f"{other.name} ({other.period})", options))
    return grouped


def _numbered(strategies):
    """(S-number as on the one-page OGSM, strategy), numbered per plan."""
    counts: dict = {}
    for strategy in strategies.order_by("plan_id", "position", "pk"):
        counts[strategy.plan_id] = counts.get(strategy.plan_id, 0) + 1
        yield counts[strategy.plan_id], strategy


def item_for_choice(value: str) -> Strategy | Goal | None:
    """The live strategy ("s12") or goal ("g5") a choice names, or None."""
    if len(value) < 2 or value[0] not in "sg" or not value[1:].isdigit() or len(value) > 12:
        return None
    model = Strategy if value[0] == "s" else Goal
    return model.objects.select_related("plan").filter(pk=int(value[1:])).first()
