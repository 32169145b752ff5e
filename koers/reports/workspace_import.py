"""Import a Koers workspace document as a new workspace: everything in it, or nothing.

The file is capped before it is parsed, checked against the published JSON Schema, then every
reference and value is checked; only then are the rows written, in one transaction, with new
ids. People are matched to accounts by e-mail address; anyone without an account here gets one
without a password (they set it through "forgot password").
"""

import itertools
import json
import zoneinfo
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.utils.translation import gettext as _

from koers.accounts.models import Membership, Role, Workspace
from koers.accounts.services import unique_workspace_slug
from koers.reports import version_ids
from koers.reports.workspace_format import USER_FIELDS, decode, schema, tables
from koers.reports.workspace_json import CANVAS_ITEM, CANVAS_VERSION

MAX_ERRORS = 10


class WorkspaceImportError(Exception):
    """The document is refused; `messages` says why, each ready to show."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def max_bytes() -> int:
    return settings.WORKSPACE_IMPORT_MAX_MB * 2**20


def read_document(data: bytes) -> dict:
    """Parse and check a document; WorkspaceImportError with every problem found (up to ten)."""
    if len(data) > max_bytes():
        raise WorkspaceImportError(
            [_("The file is larger than %(mb)s MB.") % {"mb": settings.WORKSPACE_IMPORT_MAX_MB}]
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise WorkspaceImportError([_("The file is not JSON Koers can read.")]) from error
    check_document(document)
    return document


def _place(path) -> str:
    return "/".join(str(part) for part in path) or _("the document")


def check_document(document) -> None:
    from jsonschema import Draft202012Validator

    if not isinstance(document, dict) or document.get("format") != "koers-workspace":
        raise WorkspaceImportError([_("This is not a Koers workspace file.")])
    if document.get("format_version") != 1:
        raise WorkspaceImportError(
            [
                _("This file has format version %(version)s; this Koers reads version 1.")
                % {"version": document.get("format_version")}
            ]
        )
    rows = sum(len(v) for v in document.get("tables", {}).values() if isinstance(v, list))
    if rows > settings.WORKSPACE_IMPORT_MAX_ROWS:
        raise WorkspaceImportError(
            [
                _("The file has more than %(rows)s rows.")
                % {"rows": settings.WORKSPACE_IMPORT_MAX_ROWS}
            ]
        )
    errors = Draft202012Validator(schema()).iter_errors(document)
    problems = [
        _("At %(place)s: %(problem)s") % {"place": _place(e.absolute_path), "problem": e.message}
        for e in itertools.islice(errors, MAX_ERRORS)
    ]
    if problems:
        raise WorkspaceImportError(problems)
    problems = list(itertools.islice(_reference_and_value_problems(document), MAX_ERRORS))
    if problems:
        raise WorkspaceImportError(problems)


def _reference_and_value_problems(document):
    if document["workspace"]["time_zone"] not in zoneinfo.available_timezones():
        yield _("At %(place)s: %(problem)s") % {
            "place": "workspace/time_zone",
            "problem": _("not a time zone"),
        }
    user_model = get_user_model()
    users = set()
    for index, user in enumerate(document["users"]):
        if user["id"] in users:
            yield _("At %(place)s: the id %(id)s is used twice.") % {
                "place": f"users/{index}",
                "id": user["id"],
            }
        users.add(user["id"])
        for name in ("username", "email"):
            yield from _validated(
                user_model._meta.get_field(name), user[name], f"users/{index}/{name}"
            )
    ids = {}
    for table in tables():
        seen = ids[table.name] = set()
        for index, row in enumerate(document["tables"].get(table.name, [])):
            if row["id"] in seen:
                yield _("At %(place)s: the id %(id)s is used twice.") % {
                    "place": f"tables/{table.name}/{index}",
                    "id": row["id"],
                }
            seen.add(row["id"])
    for table in tables():
        for index, row in enumerate(document["tables"].get(table.name, [])):
            for column in table.columns:
                if column.name not in row:  # optional: the row takes the column's default
                    continue
                place = f"tables/{table.name}/{index}/{column.name}"
                value = row[column.name]
                if column.target:
                    known = users if column.target == "users" else ids[column.target]
                    for ref in value if column.many else [value]:
                        if ref is not None and ref not in known:
                            yield _("At %(place)s: there is no row %(id)s in %(table)s.") % {
                                "place": place,
                                "id": ref,
                                "table": column.target,
                            }
                elif not (table.name == CANVAS_VERSION and column.name == "items"):
                    yield from _validated(column.field, value, place)


def _validated(field, value, place):
    try:
        python = decode(field, value)
        if python not in (None, "") and field.validators:
            field.run_validators(python)
    except (ValueError, TypeError, ArithmeticError):
        yield _("At %(place)s: %(problem)s") % {"place": place, "problem": _("not a valid value")}
    except ValidationError as error:
        yield _("At %(place)s: %(problem)s") % {"place": place, "problem": " ".join(error.messages)}


def import_workspace(document: dict, importer) -> Workspace:
    """A new workspace holding the document; the importer is its OGSM owner."""
    check_document(document)
    try:
        with transaction.atomic():
            return _write(document, importer)
    except (IntegrityError, DatabaseError) as error:
        raise WorkspaceImportError(
            [
                _("The file breaks a rule of Koers's data, so nothing was imported: %(problem)s")
                % {"problem": error}
            ]
        ) from error


def _free_username(wanted: str) -> str:
    user_model = get_user_model()
    base = wanted[:140] or "user"
    name, n = base, 2
    while user_model._base_manager.filter(username__iexact=name).exists():
        name, n = f"{base}-{n}", n + 1
    return name


def _match_users(entries) -> dict:
    user_model = get_user_model()
    matched = {}
    for entry in entries:
        email = entry["email"].strip()
        user = user_model._base_manager.filter(email__iexact=email).first() if email else None
        if user is None:
            user = user_model(**{name: entry[name] for name in USER_FIELDS})
            user.username = _free_username(entry["username"])
            user.set_unusable_password()
            user.save()
        matched[entry["id"]] = user.pk
    return matched


def _write(document: dict, importer) -> Workspace:
    head = document["workspace"]
    workspace = Workspace.objects.create(
        name=head["name"], slug=unique_workspace_slug(head["name"]), time_zone=head["time_zone"]
    )
    users = _match_users(document["users"])
    new_ids: dict[str, dict[int, int]] = {}
    for table in tables():
        rows = document["tables"].get(table.name, [])
        new_ids[table.name] = _insert_rows(table, rows, workspace, users, new_ids)
    _remap_plan_versions(new_ids, users)
    Membership.objects.update_or_create(
        workspace=workspace, user=importer, defaults={"role": Role.OGSM_OWNER}
    )
    return workspace


def _remap_plan_versions(new_ids, users) -> None:
    """Snapshots name plan items and owners by the file's ids; now that every row has its new id,
    give them those (a plan version comes before its items in the file's order)."""
    model = apps.get_model("plans", "PlanVersion")
    for version in model._base_manager.filter(
        pk__in=new_ids.get(version_ids.PLAN_VERSION, {}).values()
    ):
        model._base_manager.filter(pk=version.pk).update(
            **{
                column: version_ids.remap(getattr(version, column), new_ids, users.get)
                for column in version_ids.SNAPSHOT_COLUMNS
            }
        )


def _value(table, column, value, users, new_ids):
    if column.target == "users":
        return None if value is None else users[value]
    if column.target:
        return None if value is None else new_ids.get(column.target, {}).get(value)
    if table.name == CANVAS_VERSION and column.name == "items":
        canvas = new_ids.get(CANVAS_ITEM, {})
        return [
            {**item, "id": canvas.get(item["id"], -abs(item["id"]))}
            if isinstance(item, dict) and isinstance(item.get("id"), int)
            else item
            for item in value
        ]
    return decode(column.field, value)


def _insert_rows(table, rows, workspace, users, new_ids) -> dict[int, int]:
    model = table.model
    plain = [c for c in table.columns if not c.many]
    objects = []
    for row in rows:
        values = {
            c.field.attname: _value(table, c, row[c.name], users, new_ids)
            for c in plain
            if c.name in row  # a column left out gets its default (workspace_format.optional)
        }
        if table.workspace_attname:
            values[table.workspace_attname] = workspace.pk
        objects.append(model(**values))
    using = model._base_manager.db
    connection = connections[using]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    # raw=True keeps the stored moments (created_at, …) instead of stamping "now", as loaddata
    # does; no signals are sent, and the workspace is new, so no cached page can be stale.
    step = max(1, connection.ops.bulk_batch_size(fields, objects) if objects else 1)
    pks = []
    for start in range(0, len(objects), step):
        batch = objects[start : start + step]
        if connection.features.can_return_rows_from_bulk_insert:
            returned = model._base_manager._insert(
                batch, fields=fields, returning_fields=[model._meta.pk], raw=True, using=using
            )
            pks += [r[0] for r in returned]
        else:
            for obj in batch:
                returned = model._base_manager._insert(
                    [obj], fields=fields, returning_fields=[model._meta.pk], raw=True, using=using
                )
                pks.append(returned[0][0])
    mapping = {row["id"]: pk for row, pk in zip(rows, pks, strict=True)}
    for column in table.columns:
        if column.many:
            _insert_many(column, rows, mapping, users)
    return mapping


def _insert_many(column, rows, mapping, users) -> None:
    through = column.field.remote_field.through
    source = f"{column.field.m2m_field_name()}_id"
    target = f"{column.field.m2m_reverse_field_name()}_id"
    links = defaultdict(list)
    for row in rows:
        for ref in row.get(column.name, ()):
            links[mapping[row["id"]]].append(users[ref])
    through._base_manager.bulk_create(
        [through(**{source: pk, target: user}) for pk, many in links.items() for user in many]
    )
