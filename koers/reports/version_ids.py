"""Plan versions' snapshots name goals, strategies, measures and owners by id
(`plans/versions.item_content`: a "key" such as "s12" and an "id"). A workspace file has ids of
its own, so the export and the import rewrite them, as they do every foreign key.

An item that no longer exists gets a negative id, which can never meet a real one; items a draft
added (key "n1", no id) and everything else in the snapshot stay as they are.
"""

from collections.abc import Callable

PLAN_VERSION = "plans.planversion"
SNAPSHOT_COLUMNS = {"content", "base"}
TABLES = {"goals": "plans.goal", "strategies": "plans.strategy", "measures": "plans.measure"}
PREFIX = {"goals": "g", "strategies": "s", "measures": "m"}


def _item(item, kind: str, ids: dict, user: Callable):
    if not isinstance(item, dict):
        return item
    item = dict(item)
    old = item.get("id")
    if isinstance(old, int):
        new = ids.get(TABLES[kind], {}).get(old, -abs(old))
        item["id"] = new
        if item.get("key") == f"{PREFIX[kind]}{old}":
            item["key"] = f"{PREFIX[kind]}{new}"
    if isinstance(item.get("owner_id"), int):
        item["owner_id"] = user(item["owner_id"])
    if kind == "strategies" and isinstance(item.get("measures"), list):
        item["measures"] = [_item(m, "measures", ids, user) for m in item["measures"]]
    return item


def remap(snapshot, ids: dict, user: Callable):
    """The snapshot with every item id from `ids[table][old]` and owners through `user(old)`."""
    if not isinstance(snapshot, dict):
        return snapshot
    result = dict(snapshot)
    for kind in ("goals", "strategies"):
        if isinstance(result.get(kind), list):
            result[kind] = [_item(item, kind, ids, user) for item in result[kind]]
    return result
