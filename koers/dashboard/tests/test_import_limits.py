"""Uploads are capped before and while parsing (spreadsheet bombs, too many rows), junk files get
a message instead of a 500, duplicate rows and NUL characters are refused, nothing is written."""

import io
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from koers.dashboard.models import Measurement
from koers.dashboard.tests.factories import kpis_of

HEADER = ["kpi_id", "kpi", "period", "value", "note"]


def url(plan):
    return reverse("dashboard:import", args=["acme", plan.pk])


def workbook(rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewritten(data: bytes, replace) -> bytes:
    """The workbook with some members' XML changed by `replace(name, xml) -> xml`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace(info.filename, source.read(info.filename)))
    return out.getvalue()


def with_dimension(data: bytes, ref: str) -> bytes:
    def replace(name, xml):
        if name.startswith("xl/worksheets/sheet"):
            tag = f'<dimension ref="{ref}"/>'.encode()
            if b"<dimension" not in xml:  # the write-only writer leaves it out
                return xml.replace(b"<sheetViews>", tag + b"<sheetViews>", 1)
            start = xml.index(b"<dimension")
            end = xml.index(b"/>", start) + 2
            return xml[:start] + tag + xml[end:]
        return xml

    return rewritten(data, replace)


def post(client, plan, name, data):
    return client.post(url(plan), {"file": SimpleUploadedFile(name, data)})


def refused(response, message):
    assert response.status_code == 422, response.status_code
    assert message in response.content.decode()
    assert not Measurement.objects.exists()


def test_the_import_page_says_how_many_rows_a_file_may_have(login, plan, member):
    html = login(member).get(url(plan)).content.decode()
    assert "At most 20,000 rows and 2 MB per file." in html


def test_a_sheet_claiming_sixteen_thousand_columns_is_refused_before_reading(login, plan, member):
    kpi = kpis_of(plan)[0]
    data = with_dimension(workbook([HEADER, [kpi.pk, "x", "2027-01", 5, ""]]), "A1:XFD20000")
    assert len(data) < 10_000  # a small file …
    refused(post(login(member), plan, "bomb.xlsx", data), "The file has more than 50 columns.")


def test_a_sheet_claiming_too_many_rows_is_refused_before_reading(login, plan, member):
    kpi = kpis_of(plan)[0]
    data = with_dimension(workbook([HEADER, [kpi.pk, "x", "2027-01", 5, ""]]), "A1:E1048576")
    refused(post(login(member), plan, "rows.xlsx", data), "more than 20,000 rows")


SST = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def test_a_shared_strings_bomb_is_refused_before_it_unpacks(login, plan, member):
    kpi = kpis_of(plan)[0]
    plain = workbook([HEADER, [kpi.pk, "x", "2027-01", 5, ""]])
    strings = 40  # strings of 1 MB each, every one referenced by the note column

    def replace(name, xml):
        if name == "xl/_rels/workbook.xml.rels":
            rel = f'<Relationship Id="rIdS" Type="{SST_REL}" Target="sharedStrings.xml"/>'
            return xml.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
        if name == "[Content_Types].xml":
            part = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/>'
            return xml.replace(b"</Types>", part.encode() + b"</Types>")
        return xml

    data = io.BytesIO(rewritten(plain, replace))
    with zipfile.ZipFile(data, "a", zipfile.ZIP_DEFLATED) as book:
        item = "<si><t>" + "A" * 1_000_000 + "</t></si>"
        book.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{SST}" count="{strings}" uniqueCount="{strings}">'
            + item * strings
            + "</sst>",
        )
    assert len(data.getvalue()) < 200_000  # a small file that unpacks to 40 MB
    refused(
        post(login(member), plan, "strings.xlsx", data.getvalue()),
        "The workbook unpacks to more than 30 MB",
    )


@override_settings(IMPORT_MAX_ROWS=1000)
def test_a_workbook_of_many_repeated_rows_stops_at_the_row_limit(login, plan, member):
    kpi = kpis_of(plan)[0]
    rows = [HEADER] + [[kpi.pk, "x", "2027-01", 5, ""]] * 5000
    refused(post(login(member), plan, "rows.xlsx", workbook(rows)), "more than 1,000 rows")


@override_settings(IMPORT_MAX_ROWS=1000)
def test_a_workbook_whose_dimension_understates_its_rows_still_stops_at_the_limit(
    login, plan, member
):
    kpi = kpis_of(plan)[0]
    rows = [HEADER] + [[kpi.pk, "x", "2027-01", 5, ""]] * 5000
    data = with_dimension(workbook(rows), "A1:E2")
    refused(post(login(member), plan, "rows.xlsx", data), "more than 1,000 rows")


def test_a_csv_over_the_row_limit_is_refused(login, plan, member):
    kpi = kpis_of(plan)[0]
    text = ",".join(HEADER) + "\n" + f"{kpi.pk},x,2027-01,5,\n" * 20_001
    refused(post(login(member), plan, "rows.csv", text.encode()), "more than 20,000 rows")


def test_a_csv_without_delimiter_gets_a_message_not_a_500(login, plan, member):
    kpis_of(plan)
    refused(post(login(member), plan, "f.csv", b"hello\nworld\n"), "The first row must be")


def test_a_csv_with_a_cell_over_128_kb_gets_a_message_not_a_500(login, plan, member):
    kpi = kpis_of(plan)[0]
    text = ",".join(HEADER) + f'\n{kpi.pk},x,2027-01,5,"' + "a" * 200_000 + '"\n'
    refused(post(login(member), plan, "f.csv", text.encode()), "This CSV file cannot be read")


def test_a_csv_with_a_nul_character_is_refused(login, plan, member):
    kpi = kpis_of(plan)[0]
    filler = f"{kpi.pk},x,2027-01,5,fine\n" * 300  # the NUL comes after the first 4 kB
    text = ",".join(HEADER) + "\n" + filler + f"{kpi.pk},x,2027-02,5,bad\x00note\n"
    refused(post(login(member), plan, "f.csv", text.encode()), "contains a NUL character")


def test_the_same_kpi_and_period_three_times_is_shown_and_nothing_is_written(login, plan, member):
    kpi = kpis_of(plan)[0]
    text = ",".join(HEADER) + "\n" + "".join(f"{kpi.pk},x,2027-01,{v},\n" for v in (1, 2, 3))
    client = login(member)
    response = post(client, plan, "f.csv", text.encode())
    refused(response, "The same KPI and period as row 2.")
    assert "2 rows with a problem." in response.content.decode()
    client.post(url(plan), {"confirm": "1"})
    assert not Measurement.objects.exists()


def test_a_large_import_previews_counts_and_writes_every_row(login, plan, member):
    kpis = kpis_of(plan)
    months = [date(1990 + i // 12, i % 12 + 1, 1) for i in range(600)]  # over 500 periods
    lines = [f"{k.pk},x,{m:%Y-%m},{i}," for k in kpis for i, m in enumerate(months)]
    client = login(member)
    Measurement.objects.create(kpi=kpis[0], period=months[0], value=99)
    response = post(client, plan, "f.csv", ("\n".join([",".join(HEADER), *lines])).encode())
    html = response.content.decode()
    assert response.status_code == 200
    assert f"New: {len(lines) - 1} · changed: 1 · unchanged: 0." in html
    assert f"Write {len(lines):,} figures" in html or f"Write {len(lines)} figures" in html
    assert f"And {len(lines) - 200} more rows." in html
    response = client.post(url(plan), {"confirm": "1"}, follow=True)
    assert f"{len(lines)} figures imported." in response.content.decode()
    assert Measurement.objects.count() == len(lines)
    first = Measurement.objects.get(kpi=kpis[0], period=months[0])
    assert (first.value, first.version) == (0, 2)


def test_an_upload_far_over_the_limit_is_refused_by_its_size(login, plan, member):
    kpis_of(plan)
    data = b"kpi_id,kpi,period,value,note\n" + b"1,x,2027-01,5,\n" * 400_000  # 6 MB
    refused(post(login(member), plan, "big.csv", data), "The file is larger than 2 MB.")


def test_a_csv_row_of_a_million_empty_cells_is_refused_quickly(login, plan, member):
    kpis_of(plan)
    data = b"kpi_id,kpi,period,value,note\n1,x,2027-01,5" + b"," * 1_000_000 + b"x\n"
    refused(post(login(member), plan, "wide.csv", data), "The file has more than 50 columns.")
