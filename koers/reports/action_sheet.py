"""Read the action sheet of the plan workbook back: new actions and changed ones, every change
shown first, then all written or none.

Each row carries the `version` of the action it was downloaded at; a row whose action has been
saved in Koers since then is reported as a conflict, never written over. The file is capped
(size, zip members, rows) before openpyxl reads it, in read-only mode.
"""

import io
import itertools
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from koers.actions import rules
from koers.actions.models import Action
from koers.lib.versioning import StaleEdit
from koers.plans.roles import people_on_plan
from koers.reports.excel import ACTION_COLUMNS

MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # a zip bomb unpacks to far more than it weighs
MAX_MEMBERS = 200
MAX_ROWS = 2000
EDITABLE = ["strategy", "title", "description", "owner", "start_date", "due_date"]
TITLE_MAX = Action._meta.get_field("title").max_length
DESCRIPTION_MAX = 5000


class SheetError(Exception):
    """The whole file is refused; the message says why."""


@dataclass
class Change:
    line: int
    action: Action | None  # None: a new action
    values: dict = field(default_factory=dict)  # field name → new value
    old: dict = field(default_factory=dict)  # field name → value in Koers now
    version: int | None = None
    error: str = ""

    @property
    def is_new(self) -> bool:
        return self.action is None


def _check_zip(data: bytes) -> None:
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile as error:
        raise SheetError(_("This is not an Excel workbook Koers can read.")) from error
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise SheetError(_("This workbook unpacks to more than Koers accepts."))


def read_sheet(upload) -> list[list]:
    """The action sheet's rows (first row: the column keys), from an uploaded .xlsx file."""
    if upload.size > MAX_BYTES:
        raise SheetError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20})
    data = upload.read(MAX_BYTES + 1)
    if not upload.name.lower().endswith(".xlsx") or data[:2] != b"PK":
        raise SheetError(_("Upload the .xlsx workbook downloaded from Koers."))
    _check_zip(data)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 — any unreadable workbook gets the same answer
        raise SheetError(_("This is not an Excel workbook Koers can read.")) from error
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            first = next(rows, None)
            if first and [str(c or "").strip().lower() for c in first[:3]] == ACTION_COLUMNS[:3]:
                table = [list(first), *itertools.islice(rows, MAX_ROWS + 1)]
                if len(table) > MAX_ROWS + 1:
                    raise SheetError(_("The sheet has more than %(n)s rows.") % {"n": MAX_ROWS})
                return [[_plain(c) for c in row] for row in table]
    finally:
        book.close()
    raise SheetError(_("No sheet in this workbook starts with the columns id, version, strategy."))


def _plain(value):
    """Cell values as JSON-safe values, so a checked sheet can wait in the session."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return value if isinstance(value, int | float) else str(value)


def _date(value):
    text = str(value).strip()
    if not text:
        return None
    return date.fromisoformat(text[:10])


def _int(value):
    if value in ("", None):
        return None
    number = float(value)
    if number != int(number) or not 0 < number < 2**63:
        raise ValueError(value)
    return int(number)


def check_sheet(plan, table: list[list]) -> list[Change]:
    """Every row of the sheet as a change (or an error); rows changing nothing are left out."""
    keys = [str(c).strip().lower() for c in table[0]]
    missing = [k for k in ACTION_COLUMNS[:8] if k not in keys]
    if missing:
        raise SheetError(
            _("The sheet lacks the columns: %(names)s.") % {"names": ", ".join(missing)}
        )
    actions = {
        a.pk: a
        for a in Action.objects.filter(
            strategy__plan=plan, archived_at__isnull=True
        ).select_related("strategy", "owner")
    }
    strategies = {}
    for strategy in plan.strategies.all():
        strategies.setdefault(strategy.title.strip().lower(), []).append(strategy)
    people = {}
    for person in people_on_plan(plan):
        people[person.username.lower()] = person
        if person.email:
            people.setdefault(person.email.lower(), person)
    changes = []
    for line, cells in enumerate(table[1:], start=2):
        row = dict(zip(keys, [*cells, *[""] * len(keys)], strict=False))
        if not any(str(v).strip() for v in row.values()):
            continue
        change = _check_row(line, row, actions, strategies, people)
        if change.error or change.values:
            changes.append(change)
    return changes


def _check_row(line, row, actions, strategies, people) -> Change:
    change = Change(line=line, action=None)
    try:
        action_id, version = _int(row.get("id")), _int(row.get("version"))
    except ValueError:
        change.error = _("The id and version must be whole numbers.")
        return change
    if action_id is not None:
        change.action = actions.get(action_id)
        if change.action is None:
            change.error = _("There is no action %(id)s in this plan.") % {"id": action_id}
            return change
        if version != change.action.version:
            change.error = _(
                "This action was changed in Koers after the download; download again and "
                "redo this row."
            )
            return change
        change.version = version
    values = {}
    title = str(row.get("title", "")).strip()
    if not title:
        change.error = _("Every action needs a title.")
        return change
    values["title"] = title[:TITLE_MAX]
    if len(title) > TITLE_MAX:
        change.error = _("The title is longer than %(n)s characters.") % {"n": TITLE_MAX}
    values["description"] = str(row.get("description", "")).strip()[:DESCRIPTION_MAX]
    found = strategies.get(str(row.get("strategy", "")).strip().lower(), [])
    if len(found) != 1:
        change.error = change.error or _("“%(name)s” is not one strategy of this plan.") % {
            "name": row.get("strategy", "")
        }
    else:
        values["strategy"] = found[0]
    owner_key = str(row.get("owner", "")).strip().lower()
    values["owner"] = people.get(owner_key) if owner_key else None
    if owner_key and values["owner"] is None:
        change.error = change.error or _("“%(name)s” is not a member of this workspace.") % {
            "name": row.get("owner")
        }
    try:
        values["start_date"], values["due_date"] = _date(row["start_date"]), _date(row["due_date"])
    except ValueError:
        change.error = change.error or _("Dates must look like 2027-03-31.")
    else:
        problem = rules.dates_problem(values["start_date"], values["due_date"])
        change.error = change.error or problem
    if change.error:
        return change
    if change.action is None:
        change.values = values
    else:
        current = {name: getattr(change.action, name) for name in EDITABLE}
        change.values = {k: v for k, v in values.items() if current[k] != v}
        change.old = {k: current[k] for k in change.values}
    return change


def apply_changes(plan, changes: list[Change], membership) -> tuple[int, int]:
    """Write every change or none: (new actions, changed actions). SheetError if any row has
    an error or an action was saved by someone else since the check."""
    if any(c.error for c in changes):
        raise SheetError(_("Fix the rows with errors first; nothing was written."))
    added = changed = 0
    try:
        with transaction.atomic():
            for change in changes:
                if change.is_new:
                    strategy = change.values.pop("strategy")
                    rules.create_action(strategy, membership, **change.values)
                    added += 1
                else:
                    for name, value in change.values.items():
                        setattr(change.action, name, value)
                    rules.save_action(change.action, list(change.values), change.version)
                    changed += 1
    except StaleEdit as error:
        raise SheetError(
            _(
                "An action was changed in Koers meanwhile; nothing was written. "
                "Check the file again."
            )
        ) from error
    except rules.ActionError as error:
        raise SheetError(str(error)) from error
    return added, changed
