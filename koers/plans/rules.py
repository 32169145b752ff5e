"""Plan rules: creating, editing with a version check and ordering plan content.

Removing content is `retiring.remove_or_retire`; versions are in `versions`."""

from django.db import transaction
from django.db.models import Max

from koers.accounts.models import Workspace
from koers.accounts.revision import touch_workspace_of
from koers.lib.versioning import save_versioned
from koers.plans.models import Plan


def touch_plan(plan_id: int) -> None:
    """Mark the plan changed where a write sends no model signal (bulk updates), so pages cached
    for its workspace's previous revision go stale (koers.accounts.revision)."""
    touch_workspace_of(Plan, plan_id)


def plan_id_of(item) -> int:
    return item.plan_id if hasattr(item, "plan_id") else item.strategy.plan_id


def create_plan(workspace: Workspace, **fields) -> Plan:
    return Plan.objects.create(workspace=workspace, **fields)


@transaction.atomic
def save_plan_fields(plan: Plan, fields: list[str], expected_version: int) -> Plan:
    """Save edited plan fields; raises StaleEdit when someone else saved first."""
    save_versioned(plan, fields, expected_version)
    return plan


@transaction.atomic
def add_item(item, siblings) -> None:
    """Save a new goal/strategy/measure at the end of its list."""
    last = siblings.aggregate(last=Max("position"))["last"]
    item.position = 0 if last is None else last + 1
    item.save()  # the post_save signal bumps the workspace's revision


@transaction.atomic
def save_item(item, fields: list[str], expected_version: int) -> None:
    save_versioned(item, fields, expected_version)


@transaction.atomic
def move_item(item, siblings, step: int) -> bool:
    """Move an item one place up (step -1) or down (+1) among its siblings.

    Positions are renumbered on the way, so gaps or duplicates left by older data heal.
    Returns False when the item is already first or last.
    """
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index + step
    if not 0 <= target < len(ordered):
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, other in enumerate(ordered):
        other.position = position
    type(item)._default_manager.bulk_update(ordered, ["position"])
    touch_plan(plan_id_of(item))
    return True
