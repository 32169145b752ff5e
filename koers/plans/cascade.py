"""Cascaded plans: a plan serves a strategy or goal of a plan above it (PlanLink).

The rules every screen, the API and the imports share: which items a plan may serve, linking
and unlinking, and the tree of plans. Links never form a cycle: a plan cannot serve an item of
itself or of any plan below it, however deep.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from koers.plans.models import Goal, Plan, PlanLink, Strategy


class CascadeError(Exception):
    """A link that cannot be made; its message is shown to the user as it is."""


def parents_by_child(workspace_id: int) -> dict[int, set[int]]:
    """Every plan of the workspace with the plans it serves, from one query."""
    parents: dict[int, set[int]] = {}
    links = PlanLink.objects.filter(child__workspace_id=workspace_id).values_list(
        "child_id", "parent_strategy__plan_id", "parent_goal__plan_id"
    )
    for child, via_strategy, via_goal in links:
        parents.setdefault(child, set()).add(via_strategy or via_goal)
    return parents


def descendants(plan_id: int, parents: dict[int, set[int]]) -> set[int]:
    """The plans below `plan_id` (children, their children, ...), from `parents_by_child`."""
    children: dict[int, set[int]] = {}
    for child, its_parents in parents.items():
        for parent in its_parents:
            children.setdefault(parent, set()).add(child)
    found, todo = set(), [plan_id]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def would_cycle(child: Plan, parent_plan_id: int) -> bool:
    """True when `child` serving an item of `parent_plan_id` would close a circle."""
    if parent_plan_id == child.pk:
        return True
    return parent_plan_id in descendants(child.pk, parents_by_child(child.workspace_id))


def link(child: Plan, item: Strategy | Goal, by=None) -> PlanLink:
    """Let `child` serve `item` (a strategy or goal of another plan of the same workspace)."""
    if isinstance(item, Strategy):
        parent_plan, field = item.plan, "parent_strategy"
    elif isinstance(item, Goal):
        parent_plan, field = item.plan, "parent_goal"
    else:  # pragma: no cover - a programming error, not user input
        raise TypeError(item)
    if parent_plan.workspace_id != child.workspace_id:
        raise CascadeError(_("A plan can only serve a plan of its own workspace."))
    if item.retired_at is not None:
        raise CascadeError(_("This item has been retired; choose a current one."))
    with transaction.atomic():
        if would_cycle(child, parent_plan.pk):
            raise CascadeError(
                _("This plan cannot serve that item: the links would go round in a circle.")
            )
        try:
            with transaction.atomic():
                return PlanLink.objects.create(
                    child=child,
                    seen_version=parent_plan.current_version,
                    created_by=by,
                    **{field: item},
                )
        except IntegrityError:
            raise CascadeError(_("This plan already serves that item.")) from None


def unlink(plan_link: PlanLink) -> None:
    """Stop serving an item. A link holds no history of its own (the change log keeps that)."""
    plan_link.delete()
