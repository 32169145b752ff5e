"""Reading an uploaded table (CSV or Excel) within limits, for every importer.

An upload is capped before anything parses it: its size (IMPORT_MAX_BYTES); for a workbook the
uncompressed size its zip members declare (IMPORT_MAX_UNCOMPRESSED_BYTES; zipfile stops reading
a member at its declared size, so the declaration is a bound, not a promise); the rows and
columns the sheet claims (its `dimension`); and, while streaming, the rows and columns actually
read (IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS). Cells come back as text, without NUL characters
(PostgreSQL refuses them). Any refusal is an `UploadRefused` with a translated message.

Use: `rows = read_table(upload)` -> list of rows, each a list of str; catch `UploadRefused`.
"""

import csv
import io
import zipfile
from datetime import date, datetime

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CSV_SNIFF_CHARS = 4096
# The CSV module's own cap, kept as it is: a cell over it is refused with a message.
csv.field_size_limit(128 * 1024)


class UploadRefused(Exception):
    """The whole file is refused; the message says why and is shown to the user."""


class CappedUploadHandler(FileUploadHandler):
    """The only upload handler (settings.FILE_UPLOAD_HANDLERS): keeps at most UPLOAD_KEEP_BYTES + 1
    bytes of a file in memory (the largest any importer accepts) and only counts the rest, so an
    oversized upload is written nowhere and its importer refuses it by its size with the usual
    message."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.kept, self.total = io.BytesIO(), 0

    def receive_data_chunk(self, raw_data, start):
        self.total += len(raw_data)
        room = settings.UPLOAD_KEEP_BYTES + 1 - self.kept.tell()
        if room > 0:
            self.kept.write(raw_data[:room])

    def file_complete(self, file_size):
        self.kept.seek(0)
        return InMemoryUploadedFile(
            file=self.kept,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.total,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def limits() -> dict:
    return {
        "bytes": settings.IMPORT_MAX_BYTES,
        "uncompressed": settings.IMPORT_MAX_UNCOMPRESSED_BYTES,
        "rows": settings.IMPORT_MAX_ROWS,
        "columns": settings.IMPORT_MAX_COLUMNS,
    }


def _megabytes(n: int) -> str:
    return f"{n / 2**20:.0f}"


def _too_many_rows():
    return UploadRefused(
        _("The file has more than %(n)s rows; split it into smaller files.")
        % {"n": number_format(settings.IMPORT_MAX_ROWS, force_grouping=True)}
    )


def _too_many_columns():
    return UploadRefused(
        _("The file has more than %(n)s columns.") % {"n": settings.IMPORT_MAX_COLUMNS}
    )


def read_table(upload) -> list[list[str]]:
    """The rows of an uploaded .csv or .xlsx file, header included."""
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise UploadRefused(
            _("The file is larger than %(mb)s MB.") % {"mb": _megabytes(settings.IMPORT_MAX_BYTES)}
        )
    data = upload.read(settings.IMPORT_MAX_BYTES + 1)
    name = (upload.name or "").lower()
    if name.endswith(".xlsx") and data[:2] == b"PK":
        return rows_from_xlsx(data)
    if name.endswith(".csv") and b"\x00" not in data[:CSV_SNIFF_CHARS]:
        return rows_from_csv(data)
    raise UploadRefused(_("Upload a .csv or .xlsx file."))


def _checked(rows):
    """Yield the rows, stopping at the row or column limit or at a NUL character."""
    max_rows, max_columns = settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS
    for number, row in enumerate(rows, start=1):
        if number > max_rows + 1:  # the header does not count
            raise _too_many_rows()
        end = len(row)
        while end and row[end - 1] == "":
            end -= 1  # empty trailing cells (a spreadsheet's formatting) do not count
        row = row[:end]
        if len(row) > max_columns:
            raise _too_many_columns()
        if any("\x00" in cell for cell in row):
            raise UploadRefused(
                _("Row %(n)s contains a NUL character; Koers cannot store it.") % {"n": number}
            )
        yield row


def rows_from_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadRefused(_("The file is not UTF-8 text.")) from error
    try:
        dialect = csv.Sniffer().sniff(text[:CSV_SNIFF_CHARS], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column, or no delimiter found: the header check will say so
    try:
        return list(_checked(csv.reader(io.StringIO(text, newline=""), dialect)))
    except csv.Error as error:
        raise UploadRefused(
            _("This CSV file cannot be read (a cell over 128 kB, or a stray quote).")
        ) from error


def _check_zip(data: bytes) -> None:
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UploadRefused(_("This is not an Excel workbook Koers can read.")) from error
    if sum(m.file_size for m in members) > settings.IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise UploadRefused(
            _("The workbook unpacks to more than %(mb)s MB; Koers does not open it.")
            % {"mb": _megabytes(settings.IMPORT_MAX_UNCOMPRESSED_BYTES)}
        )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(value, ".15g")  # 0.1 + 0.2 in a sheet is meant as 0.3
    return str(value)


def rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.active
        rows = (sheet.max_row or 0) - (sheet.min_row or 1) + 1
        columns = (sheet.max_column or 0) - (sheet.min_column or 1) + 1
    except Exception as error:  # noqa: BLE001 — any unreadable workbook gets the same answer
        raise UploadRefused(_("This is not an Excel workbook Koers can read.")) from error
    if rows > settings.IMPORT_MAX_ROWS + 1:
        raise _too_many_rows()
    if columns > settings.IMPORT_MAX_COLUMNS:
        raise _too_many_columns()
    # Read what is there, not what the dimension said (some writers get it wrong, too small).
    sheet.reset_dimensions()
    try:
        # max_col bounds each row even when the dimension lied: read-only mode pads every row
        # up to the last column, which is how a 1.5 kB file asked for gigabytes.
        cells = sheet.iter_rows(values_only=True, max_col=settings.IMPORT_MAX_COLUMNS + 1)
        return list(_checked([_text(c) for c in row] for row in cells))
    except UploadRefused:
        raise
    except Exception as error:  # noqa: BLE001
        raise UploadRefused(_("This is not an Excel workbook Koers can read.")) from error
    finally:
        book.close()
