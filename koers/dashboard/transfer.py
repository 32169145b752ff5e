"""Measurements in and out as CSV or Excel: parse and check every row first, show the changes,
then write all of them in one short transaction or none.

Reading the upload (size, bombs, row limits) is `koers.lib.uploads`; numbers are bounded by
`koers.lib.numbers`. Everything that can be prepared is prepared before the transaction, which
then holds the write lock only for a bulk insert and a bulk update.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from koers.dashboard import fed
from koers.dashboard.models import Kpi, Measurement
from koers.dashboard.status import parse_period
from koers.lib import ids, numbers, uploads
from koers.plans.rules import touch_plan

HEADER = ["kpi_id", "kpi", "period", "value", "note"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NOTE_LENGTH = Measurement._meta.get_field("note").max_length


class ImportError_(Exception):
    """The whole file is refused (size, type, header)."""


@dataclass
class Row:
    line: int
    kpi: Kpi | None
    period: date | None
    value: Decimal | None
    note: str
    error: str = ""
    old: Decimal | None = None


@dataclass
class Checked:
    """The checked rows of a file and what writing them would change."""

    rows: list[Row]
    errors: list[Row] = field(default_factory=list)
    new: list[Row] = field(default_factory=list)
    changed: list[Row] = field(default_factory=list)
    unchanged: int = 0


def read_upload(upload) -> list[list[str]]:
    try:
        return uploads.read_table(upload)
    except uploads.UploadRefused as error:
        raise ImportError_(str(error)) from error


def _row(number, cells, kpis, value_field) -> Row:
    cells = (cells + [""] * 5)[:5]
    row = Row(line=number, kpi=None, period=None, value=None, note=cells[4].strip()[:NOTE_LENGTH])
    row.kpi = kpis.get(ids.parse_id(cells[0]))
    if row.kpi is None:
        row.error = _("Unknown KPI “%(id)s” for this plan.") % {"id": cells[0][:40]}
    try:
        row.period = parse_period(cells[2])
    except ValueError:
        row.error = row.error or _("The period must look like 2027-03.")
    try:
        row.value = numbers.parse_decimal(cells[3], value_field)
    except ValidationError as error:
        row.error = row.error or numbers.problem(cells[3], error)
    return row


def check_rows(plan, table: list[list[str]]) -> Checked:
    if not table or [h.strip().lower() for h in table[0][:4]] != HEADER[:4]:
        raise ImportError_(_("The first row must be: %(header)s.") % {"header": ", ".join(HEADER)})
    if len(table) > uploads.limits()["rows"] + 1:  # a table from the session is checked too
        raise ImportError_(
            _("The file has more than %(n)s rows; split it into smaller files.")
            % {"n": number_format(uploads.limits()["rows"], force_grouping=True)}
        )
    kpis = {k.pk: k for k in Kpi.objects.filter(plan=plan).select_related("goal", "measure")}
    # Fed KPIs' figures are rolled up, never imported (a subquery: a plan may have many KPIs).
    fed_kpis = fed.source_plans(Kpi.objects.filter(plan=plan).values("pk"))
    value_field = Measurement._meta.get_field("value")
    rows, first_line = [], {}
    for number, cells in enumerate(table[1:], start=2):
        cells = [str(c) for c in cells]
        if not any(c.strip() for c in cells):
            continue
        row = _row(number, cells, kpis, value_field)
        if not row.error and row.kpi.pk in fed_kpis:
            row.error = fed.by_hand_refusal(fed_kpis[row.kpi.pk])
        if not row.error:
            key = (row.kpi.pk, row.period)
            if key in first_line:
                row.error = _("The same KPI and period as row %(line)s.") % {
                    "line": first_line[key]
                }
            first_line.setdefault(key, number)
        rows.append(row)
    return _compare(plan, Checked(rows=rows))


def _within(periods) -> dict:
    """Filter on the file's periods, unless there are so many that the plan's figures are fewer
    than the query's parameters would be (SQLite caps those)."""
    return {"period__in": periods} if len(periods) <= 500 else {}


def _compare(plan, checked: Checked) -> Checked:
    periods = {r.period for r in checked.rows if r.period}
    existing = dict(
        ((kpi_id, period), (value, note))
        for kpi_id, period, value, note in Measurement.objects.filter(
            kpi__plan=plan, **_within(periods)
        ).values_list("kpi_id", "period", "value", "note")
    )
    for row in checked.rows:
        if row.error:
            checked.errors.append(row)
            continue
        stored = existing.get((row.kpi.pk, row.period))
        if stored is None:
            checked.new.append(row)
            continue
        row.old = stored[0]
        if stored == (row.value, row.note):
            checked.unchanged += 1
        else:
            checked.changed.append(row)
    return checked


def commit_rows(plan, checked: Checked, by) -> int:
    """Write the new and changed figures of a checked file, all or none; how many were written.

    Everything is prepared first; the transaction (the write lock, on SQLite) only reads which
    figures exist and runs two prepared statements, one INSERT and one UPDATE for all rows.
    (The ORM's bulk_create and bulk_update took seconds for 10,000 rows, bulk_update on SQLite
    tens of seconds, while every other writer waited.)
    """
    if checked.errors:
        raise ImportError_(_("Fix the rows with errors first; nothing was written."))
    ops = connection.ops
    value_field = Measurement._meta.get_field("value")
    stamp, by_id = ops.adapt_datetimefield_value(timezone.now()), by.pk if by else None
    prepared = {
        (r.kpi.pk, r.period): (
            ops.adapt_decimalfield_value(
                r.value, value_field.max_digits, value_field.decimal_places
            ),
            r.note,
            by_id,
            stamp,
        )
        for r in checked.new + checked.changed
    }
    periods = {period for _kpi, period in prepared}
    try:
        with transaction.atomic():
            _write(plan, prepared, periods)
    except fed.RollUpRefused as refused:
        raise ImportError_(" ".join(refused.messages)) from refused
    return len(prepared)


def _write(plan, prepared: dict, periods: set) -> None:
    """Under the transaction: which figures exist, then one INSERT and one UPDATE."""
    ops = connection.ops
    # Read again under the write lock: a figure entered since the check is updated, not
    # inserted a second time.
    stored = dict(
        ((kpi_id, period), pk)
        for pk, kpi_id, period in Measurement.objects.filter(
            kpi__plan=plan, **_within(periods)
        ).values_list("pk", "kpi_id", "period")
    )
    inserts, updates = [], []
    for (kpi_id, period), values in prepared.items():
        if (kpi_id, period) in stored:
            updates.append((*values, stored[kpi_id, period]))
        else:
            inserts.append((kpi_id, ops.adapt_datefield_value(period), *values))
    with connection.cursor() as cursor:
        if inserts:
            cursor.executemany(_insert_sql(), inserts)
        if updates:
            cursor.executemany(_update_sql(), updates)
    touch_plan(plan.pk)  # raw writes send no signals; the cached pages must go
    # The KPIs these figures feed, rolled up in the same transaction (koers.dashboard.fed).
    fed.figures_changed({kpi_id for kpi_id, _period in prepared})


def _table_and_columns(*names):
    quote = connection.ops.quote_name
    fields = [Measurement._meta.get_field(n) for n in names]
    return quote(Measurement._meta.db_table), [quote(f.column) for f in fields]


def _insert_sql() -> str:
    table, columns = _table_and_columns(
        "kpi", "period", "value", "note", "entered_by", "entered_at", "version"
    )
    marks = ", ".join(["%s"] * 6 + ["1"])
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608


def _update_sql() -> str:
    table, (value, note, by, at, version, pk) = _table_and_columns(
        "value", "note", "entered_by", "entered_at", "version", "id"
    )
    return (
        f"UPDATE {table} SET {value} = %s, {note} = %s, {by} = %s, {at} = %s, "  # noqa: S608
        f"{version} = {version} + 1 WHERE {pk} = %s"
    )


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas in exported text (CSV/Excel injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_rows(plan) -> list[list[str]]:
    rows = [HEADER]
    for m in (
        Measurement.objects.filter(kpi__plan=plan)
        .select_related("kpi__goal", "kpi__measure")
        .order_by("kpi_id", "period")
    ):
        rows.append(
            [
                str(m.kpi_id),
                safe_cell(m.kpi.name),
                m.period.strftime("%Y-%m"),
                str(m.value),
                safe_cell(m.note),
            ]
        )
    return rows


def export_csv(plan) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(export_rows(plan))
    return out.getvalue()


def export_xlsx(plan) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "measurements"
    for row in export_rows(plan):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
