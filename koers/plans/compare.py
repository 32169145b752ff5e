"""Comparing two versions of an OGSM: one pure function over their content (see versions.py).

Items are matched by `key`, so a renamed strategy is the same strategy renamed, not one
retired and another added.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ItemChange:
    kind: str  # objective, goal, strategy, measure
    change: str  # added, retired, renamed, reowned, retargeted, edited, moved
    key: str
    title: str
    field: str = ""
    old: str = ""
    new: str = ""


TITLE = {"goal": "title", "strategy": "title", "measure": "name"}
TARGETS = {
    "goal": ["target_value", "target_unit", "target_date"],
    "measure": ["target", "unit", "direction"],
}


def _text(value) -> str:
    return "" if value is None else str(value)


def measures_of(content: dict) -> dict:
    return {
        m["key"]: {**m, "strategy": s["key"], "strategy_title": s["title"]}
        for s in content.get("strategies", [])
        for m in s.get("measures", [])
    }


def compare(a: dict, b: dict) -> list[ItemChange]:
    """What changed from version content `a` to `b`, in the order of the OGSM."""
    changes = []
    if (a.get("objective") or "") != (b.get("objective") or ""):
        changes.append(
            ItemChange(
                "objective",
                "edited",
                "objective",
                "",
                "objective",
                a.get("objective") or "",
                b.get("objective") or "",
            )
        )
    changes += _compare_items(
        "goal", {g["key"]: g for g in a.get("goals", [])}, {g["key"]: g for g in b.get("goals", [])}
    )
    old_s = {s["key"]: s for s in a.get("strategies", [])}
    new_s = {s["key"]: s for s in b.get("strategies", [])}
    changes += _compare_items("strategy", old_s, new_s)
    changes += _compare_items("measure", measures_of(a), measures_of(b))
    return changes


def _compare_items(kind: str, old: dict, new: dict) -> list[ItemChange]:
    changes = []
    title = TITLE[kind]
    for key, item in new.items():
        if key not in old:
            changes.append(ItemChange(kind, "added", key, item[title]))
            continue
        before = old[key]
        name = item[title]
        if before[title] != item[title]:
            changes.append(
                ItemChange(kind, "renamed", key, name, title, before[title], item[title])
            )
        for field in TARGETS.get(kind, []):
            if _text(before.get(field)) != _text(item.get(field)):
                changes.append(
                    ItemChange(
                        kind,
                        "retargeted",
                        key,
                        name,
                        field,
                        _text(before.get(field)),
                        _text(item.get(field)),
                    )
                )
        if kind == "strategy" and before.get("owner_id") != item.get("owner_id"):
            changes.append(
                ItemChange(
                    kind,
                    "reowned",
                    key,
                    name,
                    "owner",
                    before.get("owner", ""),
                    item.get("owner", ""),
                )
            )
        for field in ("measured_by", "description"):
            if field in item and _text(before.get(field)) != _text(item.get(field)):
                changes.append(
                    ItemChange(
                        kind,
                        "edited",
                        key,
                        name,
                        field,
                        _text(before.get(field)),
                        _text(item.get(field)),
                    )
                )
        if kind == "measure" and before["strategy"] != item["strategy"]:
            changes.append(
                ItemChange(
                    kind,
                    "moved",
                    key,
                    name,
                    "strategy",
                    before["strategy_title"],
                    item["strategy_title"],
                )
            )
    for key, item in old.items():
        if key not in new:
            changes.append(ItemChange(kind, "retired", key, item[title]))
    return changes


def changed_keys(changes: list[ItemChange]) -> dict:
    """key -> the first kind of change, to highlight items on a page."""
    keys: dict = {}
    for change in changes:
        keys.setdefault(change.key, change.change)
    return keys
