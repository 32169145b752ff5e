"""Export a workspace, or one plan, as one JSON document in the Koers workspace format.

The document is written as a stream of pieces, table by table and row by row from database
cursors, so a workspace of any size costs the memory of a few thousand rows and the id maps.
"""

import json
from collections import defaultdict
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.db import models

from koers.reports import version_ids
from koers.reports.workspace_format import (
    FORMAT,
    FORMAT_VERSION,
    USER_FIELDS,
    Table,
    encode,
    tables,
)

CANVAS_VERSION, CANVAS_ITEM = "analysis.canvasversion", "analysis.canvasitem"
PLAN_SCOPE_EXTRAS = {"accounts.membership"}  # a plan is moved with the people in it
CHUNK_ROWS = 2000
PIECE_CHARS = 1 << 16


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dumps(value) -> str:
    return _ENCODER.encode(value)


def scope_tables(plan=None) -> list[Table]:
    if plan is None:
        return list(tables())
    return [t for t in tables() if t.in_plan or t.name in PLAN_SCOPE_EXTRAS]


def _rows(table: Table, workspace, plan):
    manager = table.model._base_manager
    if plan is not None and table.in_plan:
        return manager.filter(**{table.in_plan: plan.pk})
    return manager.filter(**{table.lookup: workspace.pk})


def _m2m_values(table: Table, column, ids: dict) -> dict:
    """{row pk: [user pk, …]} for a many-to-many column, in the order they were added."""
    through = column.field.remote_field.through
    source = column.field.m2m_field_name()
    target = column.field.m2m_reverse_field_name()
    values = defaultdict(list)
    pairs = through._base_manager.filter(**{f"{source}__in": list(ids)}).order_by("pk")
    for row_pk, user_pk in pairs.values_list(f"{source}_id", f"{target}_id").iterator(CHUNK_ROWS):
        values[row_pk].append(user_pk)
    return values


def _canvas_items(items, canvas_ids: dict) -> list:
    """Snapshot entries name canvas items by id: the document's ids, or for an item that no
    longer exists a negative number that can never meet a real one."""
    result = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), int):
            old = item["id"]
            item = {**item, "id": canvas_ids.get(old, -abs(old))}
        result.append(item)
    return result


def export_workspace(workspace, plan=None) -> Iterator[str]:
    """The document in pieces of text; join them or stream them."""
    chosen = scope_tables(plan)
    ids = {
        table.name: {
            pk: number
            for number, pk in enumerate(
                _rows(table, workspace, plan).order_by("pk").values_list("pk", flat=True), 1
            )
        }
        for table in chosen
    }
    users: dict[int, int] = {}  # user pk → document id, in order of first mention

    def user_ref(pk):
        if pk is None:
            return None
        return users.setdefault(pk, len(users) + 1)

    head = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "scope": "plan" if plan else "workspace",
        "workspace": {"name": workspace.name, "time_zone": workspace.time_zone},
    }
    yield _dumps(head)[:-1] + ',"tables":{'
    for index, table in enumerate(chosen):
        yield ("," if index else "") + _dumps(table.name) + ":["
        yield from _table_rows(table, _rows(table, workspace, plan), ids, user_ref)
        yield "]"
    yield '},"users":['
    people = get_user_model()._base_manager.filter(pk__in=list(users))
    found = {row["pk"]: row for row in people.values("pk", *USER_FIELDS)}
    listed = []
    for pk, number in users.items():
        row = found.get(pk) or {name: "" for name in USER_FIELDS} | {"username": f"user-{number}"}
        listed.append(_dumps({"id": number, **{name: row[name] for name in USER_FIELDS}}))
    yield ",".join(listed) + "]}"


def _converter(table: Table, column, ids: dict, user_ref):
    """One function per column, chosen once: the export calls it for every row."""
    if column.target == "users":
        return user_ref
    if column.target:
        targets = ids.get(column.target, {})
        return lambda value: None if value is None else targets.get(value)
    if table.name == CANVAS_VERSION and column.name == "items":
        canvas_ids = ids.get(CANVAS_ITEM, {})
        return lambda value: _canvas_items(value, canvas_ids)
    if table.name == version_ids.PLAN_VERSION and column.name in version_ids.SNAPSHOT_COLUMNS:
        return lambda value: version_ids.remap(value, ids, user_ref)
    field = column.field
    if isinstance(field, models.DecimalField | models.DateField | models.TimeField):
        return lambda value: encode(field, value)
    return None  # already a JSON value


def _table_rows(table: Table, queryset, ids: dict, user_ref) -> Iterator[str]:
    own = ids[table.name]
    plain = [c for c in table.columns if not c.many]
    names = ["id", *(c.name for c in plain)]
    converters = [
        (i, f) for i, c in enumerate(plain, 1) if (f := _converter(table, c, ids, user_ref))
    ]
    many = [(c.name, _m2m_values(table, c, own)) for c in table.columns if c.many]
    piece, first = [], True
    attnames = [c.field.attname for c in plain]
    for values in queryset.order_by("pk").values_list("pk", *attnames).iterator(CHUNK_ROWS):
        pk = values[0]
        number = own.get(pk)
        if number is None:  # added while the export ran: the next export has it
            continue
        values = list(values)
        values[0] = number
        for index, convert in converters:
            values[index] = convert(values[index])
        row = dict(zip(names, values, strict=True))
        for name, values_by_row in many:
            row[name] = [user_ref(user) for user in values_by_row.get(pk, ())]
        piece.append(("" if first else ",") + _dumps(row))
        first = False
        if len(piece) >= 200:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)


def export_text(workspace, plan=None) -> str:
    return "".join(export_workspace(workspace, plan))


def file_name(workspace, plan=None) -> str:
    from django.utils.text import slugify

    stem = slugify(plan.name if plan else workspace.name) or "koers"
    return f"{stem}.koers.json"
