"""Permission-matrix rows of the change log: everyone with access reads it, nobody edits it."""

from tests.matrix import READ

ROWS = {
    "history:log": ("get", ("slug",), None, READ),
    "history:csv": ("get", ("slug",), None, READ),
    "history:object": ("get", ("slug", "history_kind", "goal"), None, READ),
}


def objects(world):
    return {"history_kind": "plans.goal"}
