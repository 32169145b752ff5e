"""The Koers workspace format: which tables and columns a workspace document holds, their JSON
Schema, and how each column's value is written to JSON and read back.

The tables are found the way the workspace revision finds them (every Koers model whose foreign
keys lead to a Workspace), so a model added later is exported without anyone remembering to;
`docs/workspace-format-v1.schema.json` is this module's schema, held equal to it by a test.
Ids in a document are its own (1, 2, … per table, in the order of the rows' ids): they say
which row refers to which, never which row it was in the Koers it came from.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from koers.accounts.models import Workspace
from koers.accounts.revision import path_to_workspace

FORMAT = "koers-workspace"
FORMAT_VERSION = 1
SCHEMA_ID = "https://koers.example/schemas/workspace-format-v1.schema.json"

# Not part of a workspace's content: secrets (invitation and calendar tokens, API tokens, webhook
# signing secrets), the mail and delivery logs, and counters that only guard concurrent edits in
# one Koers. Webhooks point at this instance's chat; the new instance's owner sets them up again.
SKIPPED_MODELS = {
    "accounts.invite",
    "meetings.notice",
    "meetings.updatelink",
    "meetings.receivedreply",
    "api.apitoken",
    "webhooks.endpoint",
    "webhooks.delivery",
}
# pending_owner points at an invitation, which is not exported (its token is a secret).
SKIPPED_FIELDS = {
    "version",
    "calendar_token",
    "feed_fetched_at",
    "feed_ok",
    "feed_message",
    "pending_owner",
}
USER_FIELDS = ["username", "email", "first_name", "last_name", "language"]

DATE = r"^\d{4}-\d{2}-\d{2}$"
TIME = r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$"
DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$"


@dataclass(frozen=True)
class Column:
    name: str  # the key in the document
    field: models.Field
    target: str | None = None  # a table name, "users", or None for a plain value
    many: bool = False  # a list of users (a many-to-many)


@dataclass(frozen=True)
class Table:
    name: str  # "app_label.model_name"
    model: type
    lookup: str  # the ORM path from a row to its workspace's id
    in_plan: str | None  # the ORM path to its plan's id, for a one-plan export
    workspace_attname: str | None  # the row's own foreign key to the workspace, if any
    columns: tuple[Column, ...]


def _table_name(model) -> str:
    return model._meta.label_lower


def _plan_lookup(model, path) -> str | None:
    from koers.plans.models import Plan

    if model is Plan:
        return "pk"
    names = []
    for field in path:
        names.append(field.name)
        if field.related_model is Plan:
            return "__".join(names)
    return None


@cache
def tables() -> tuple[Table, ...]:
    """Every table of a workspace document, each after the tables it refers to."""
    user = get_user_model()
    found = {}
    for model in apps.get_models():
        if not model.__module__.startswith("koers.") or model is Workspace:
            continue
        path = path_to_workspace(model)
        if path is None or _table_name(model) in SKIPPED_MODELS:
            continue
        found[_table_name(model)] = (model, path)
    result = {}
    for name, (model, path) in found.items():
        columns, own_fk = [], None
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name in SKIPPED_FIELDS:
                continue
            related = field.related_model
            if related is Workspace:
                own_fk = field.attname
            elif related is user:
                columns.append(Column(field.name, field, "users"))
            elif related is not None:
                columns.append(Column(field.name, field, _table_name(related)))
            else:
                columns.append(Column(field.name, field))
        for m2m in model._meta.many_to_many:
            if m2m.related_model is not user:
                raise TypeError(f"{name}.{m2m.name}: only many-to-many to users is supported")
            columns.append(Column(m2m.name, m2m, "users", many=True))
        lookup = "__".join(f.name for f in path[:-1])
        lookup = f"{lookup}__workspace" if lookup else "workspace"
        result[name] = Table(name, model, lookup, _plan_lookup(model, path), own_fk, tuple(columns))
    return tuple(result[name] for name in _dependency_order(result))


def _dependency_order(tables_by_name: dict) -> list[str]:
    order, done, busy = [], set(), set()

    def visit(name):
        if name in done:
            return
        if name in busy:
            raise TypeError(f"The workspace tables refer to each other in a circle at {name}")
        busy.add(name)
        for column in tables_by_name[name].columns:
            if column.target not in (None, "users"):
                visit(column.target)
        busy.discard(name)
        done.add(name)
        order.append(name)

    for name in sorted(tables_by_name):
        visit(name)
    return order


def table_by_name() -> dict[str, Table]:
    return {table.name: table for table in tables()}


# --- values --------------------------------------------------------------------------------


def encode(field: models.Field, value):
    """A column's Python value as JSON."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def decode(field: models.Field, value):
    """A JSON value as the column's Python value; ValueError if it is not one."""
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        number = Decimal(value)
        if not number.is_finite():
            raise ValueError(value)
        return number
    if isinstance(field, models.DateTimeField):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(value)
        return moment
    if isinstance(field, models.DateField):
        return date.fromisoformat(value)
    if isinstance(field, models.TimeField):
        return time.fromisoformat(value)
    return value


# --- the JSON Schema ----------------------------------------------------------------------


def _integer_bounds(field) -> dict:
    # The ranges every database backend starts from, so the schema is one for SQLite and
    # PostgreSQL alike.
    from django.db.backends.base.operations import BaseDatabaseOperations

    low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
    if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        low = 0
    return {k: v for k, v in (("minimum", low), ("maximum", high)) if v is not None}


def _value_schema(column: Column) -> dict:
    field = column.field
    if column.many:
        return {"type": "array", "items": {"type": "integer", "minimum": 1}, "uniqueItems": True}
    if column.target:
        schema = {"type": "integer", "minimum": 1}
    elif field.choices:
        values = [choice for choice, _label in field.flatchoices]
        if field.blank and "" not in values and isinstance(field, models.CharField):
            values.append("")
        schema = {"enum": values}
    elif isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, models.DecimalField):
        whole = field.max_digits - field.decimal_places
        schema = {
            "type": "string",
            "pattern": rf"^-?\d{{1,{whole}}}(\.\d{{1,{field.decimal_places}}})?$",
        }
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "pattern": DATETIME}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "pattern": DATE}
    elif isinstance(field, models.TimeField):
        schema = {"type": "string", "pattern": TIME}
    elif isinstance(field, models.IntegerField):
        schema = {"type": "integer", **_integer_bounds(field)}
    elif isinstance(field, models.JSONField):
        schema = {"type": ["array", "object"]}  # lists (canvas versions), snapshots (plan versions)
    elif isinstance(field, models.CharField | models.TextField):
        schema = {"type": "string"}
        if field.max_length:
            schema["maxLength"] = field.max_length
    else:
        raise TypeError(f"{field!r}: no JSON type defined")
    if field.null:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def optional(column: Column) -> bool:
    """Whether a row may leave `column` out and get the column's default: a column added to
    Koers after a file was written (its migration gave existing rows that default too), so a
    file from an earlier Koers still imports. Koers itself always writes every column."""
    field = column.field
    empty = field.blank and field.empty_strings_allowed  # a text that may be empty: ""
    return column.many or field.has_default() or field.null or empty


def _row_schema(table: Table) -> dict:
    properties = {"id": {"type": "integer", "minimum": 1}}
    for column in table.columns:
        properties[column.name] = _value_schema(column)
    return {
        "type": "object",
        "properties": properties,
        "required": ["id", *(c.name for c in table.columns if not optional(c))],
        "additionalProperties": False,
    }


@cache
def schema() -> dict:
    user_model = get_user_model()
    user = {"id": {"type": "integer", "minimum": 1}}
    for name in USER_FIELDS:
        field = user_model._meta.get_field(name)
        user[name] = _value_schema(Column(name, field))
    workspace = {
        name: _value_schema(Column(name, Workspace._meta.get_field(name)))
        for name in ("name", "time_zone")
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Koers workspace",
        "description": (
            "A Koers workspace or one of its plans: OGSM content, actions and updates, KPIs and "
            "figures, sessions and decisions, analysis tools and members. Ids are the "
            "document's own; a reference is the id of a row in the table it names."
        ),
        "type": "object",
        "required": ["format", "format_version", "scope", "workspace", "tables", "users"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"const": FORMAT_VERSION},
            "scope": {"enum": ["workspace", "plan"]},
            "workspace": {
                "type": "object",
                "properties": workspace,
                "required": list(workspace),
                "additionalProperties": False,
            },
            "tables": {
                "type": "object",
                "properties": {
                    table.name: {"type": "array", "items": _row_schema(table)} for table in tables()
                },
                "additionalProperties": False,
            },
            "users": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": user,
                    "required": list(user),
                    "additionalProperties": False,
                },
            },
        },
    }
