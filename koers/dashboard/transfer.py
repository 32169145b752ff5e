"""Measurements in and out as CSV or Excel: parse and check every row first, show the changes,
then write all of them in one transaction or none."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from koers.dashboard.models import Kpi, Measurement
from koers.dashboard.services import to_decimal

MAX_BYTES = 2 * 1024 * 1024
HEADER = ["kpi_id", "kpi", "period", "value", "note"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportError_(Exception):
    """The whole file is refused (size, type, header)."""


@dataclass
class Row:
    line: int
    kpi: Kpi | None
    period: date | None
    value: object
    note: str
    error: str = ""
    old: object = None


def _rows_from_csv(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportError_(_("The file is not UTF-8 text.")) from error
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _rows_from_xlsx(data: bytes):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except Exception as error:  # noqa: BLE001 — any unreadable workbook gets the same answer
        raise ImportError_(_("This is not an Excel workbook Koers can read.")) from error
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


def read_upload(upload) -> list[list[str]]:
    if upload.size > MAX_BYTES:
        raise ImportError_(_("The file is larger than 2 MB."))
    data = upload.read()
    name = upload.name.lower()
    if name.endswith(".xlsx") and data[:2] == b"PK":
        return _rows_from_xlsx(data)
    if name.endswith(".csv") and b"\x00" not in data[:4096]:
        return _rows_from_csv(data)
    raise ImportError_(_("Upload a .csv or .xlsx file."))


def _period(raw: str) -> date:
    text = raw.strip()[:10]
    year, month = int(text[:4]), int(text[5:7])
    return date(year, month, 1)


def check_rows(plan, table: list[list[str]]) -> list[Row]:
    if not table or [h.strip().lower() for h in table[0][:4]] != HEADER[:4]:
        raise ImportError_(_("The first row must be: %(header)s.") % {"header": ", ".join(HEADER)})
    kpis = {k.pk: k for k in Kpi.objects.filter(plan=plan).select_related("goal", "measure")}
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = (cells + [""] * 5)[:5]
        row = Row(line=number, kpi=None, period=None, value=None, note=cells[4].strip()[:300])
        try:
            row.kpi = kpis[int(cells[0])]
        except (ValueError, KeyError):
            row.error = _("Unknown KPI “%(id)s” for this plan.") % {"id": cells[0]}
        try:
            row.period = _period(cells[2])
        except ValueError:
            row.error = row.error or _("The period must look like 2027-03.")
        try:
            row.value = to_decimal(cells[3])
        except InvalidOperation:
            row.error = row.error or _("“%(value)s” is not a number.") % {"value": cells[3]}
        rows.append(row)
    existing = {
        (m.kpi_id, m.period): m.value
        for m in Measurement.objects.filter(kpi__plan=plan, kpi__in=[r.kpi for r in rows if r.kpi])
    }
    for row in rows:
        if row.kpi and row.period:
            row.old = existing.get((row.kpi.pk, row.period))
    return rows


@transaction.atomic
def commit_rows(plan, rows: list[Row], by) -> int:
    if any(r.error for r in rows):
        raise ImportError_(_("Fix the rows with errors first; nothing was written."))
    for row in rows:
        Measurement.objects.update_or_create(
            kpi=row.kpi,
            period=row.period,
            defaults={"value": row.value, "note": row.note, "entered_by": by},
        )
    return len(rows)


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
