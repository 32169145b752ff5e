"""Business model canvas rules: items, marks, dated versions and comparing two versions."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from koers.analysis import swot
from koers.analysis.models import Block, CanvasItem, CanvasVersion
from koers.lib.versioning import save_versioned

SNAPSHOT_FIELDS = ("block", "text", "mark", "why")


def active_items(workspace):
    return CanvasItem.objects.filter(workspace=workspace, archived_at__isnull=True)


def by_block(items) -> list[tuple[str, str, list]]:
    """(block key, block label, items) in the canvas's reading order, empty blocks included."""
    grouped: dict[str, list] = {key: [] for key in Block.values}
    for item in items:
        grouped.setdefault(item.block, []).append(item)
    return [(key, Block(key).label, grouped[key]) for key in Block.values]


@transaction.atomic
def add_item(workspace, **fields) -> CanvasItem:
    last = active_items(workspace).filter(block=fields["block"]).aggregate(m=Max("position"))["m"]
    item = CanvasItem.objects.create(
        workspace=workspace, position=0 if last is None else last + 1, **fields
    )
    swot.follow_canvas_item(item)
    return item


@transaction.atomic
def save_item(item: CanvasItem, fields: list[str], expected_version: int) -> None:
    """Save an edited item (raises StaleEdit); its strength/vulnerability follows into the SWOT."""
    save_versioned(item, fields, expected_version)
    swot.follow_canvas_item(item)


@transaction.atomic
def archive_item(item: CanvasItem) -> None:
    item.archived_at = timezone.now()
    item.save(update_fields=["archived_at"])
    swot.follow_canvas_item(item)


def snapshot(workspace) -> list[dict]:
    return [
        {"id": item.pk, **{name: getattr(item, name) for name in SNAPSHOT_FIELDS}}
        for item in active_items(workspace).order_by("block", "position", "pk")
    ]


def save_version(workspace, label: str, by) -> CanvasVersion:
    return CanvasVersion.objects.create(
        workspace=workspace, label=label, saved_by=by, items=snapshot(workspace)
    )


@dataclass
class Comparison:
    added: list = field(default_factory=list)  # items only in the newer version
    removed: list = field(default_factory=list)  # items only in the older version
    changed: list = field(default_factory=list)  # (old, new): text, why or block changed
    shifted: list = field(default_factory=list)  # (old, new): strength/vulnerability moved

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.shifted)


def compare(older: list[dict], newer: list[dict]) -> Comparison:
    """What happened to the canvas between two snapshots, matched on item identity."""
    old_by_id = {item["id"]: item for item in older}
    new_by_id = {item["id"]: item for item in newer}
    result = Comparison(
        added=[item for item in newer if item["id"] not in old_by_id],
        removed=[item for item in older if item["id"] not in new_by_id],
    )
    for item in newer:
        before = old_by_id.get(item["id"])
        if before is None:
            continue
        if before.get("mark", "") != item.get("mark", ""):
            result.shifted.append((before, item))
        if any(before.get(name) != item.get(name) for name in ("block", "text", "why")):
            result.changed.append((before, item))
    return result
