"""Importing figures all-or-nothing, and exporting them safely."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from koers.dashboard.models import Measurement
from koers.dashboard.tests.factories import kpis_of, measure


def url(name, plan, *args):
    return reverse(f"dashboard:{name}", args=["acme", plan.pk, *args])


def csv_file(text, name="figures.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_an_import_shows_the_changes_then_writes_them_all(login, plan, member):
    kpi = kpis_of(plan)[0]
    measure(kpi, date(2027, 1, 1), 5)
    client = login(member)
    preview = client.post(
        url("import", plan),
        {
            "file": csv_file(
                f"kpi_id,kpi,period,value,note\n{kpi.pk},x,2027-01,7,fixed\n{kpi.pk},x,2027-02,9,\n"
            )
        },
    )
    html = preview.content.decode()
    assert "Changes in this file" in html and "Write 2 figures" in html
    assert Measurement.objects.get().value == 5  # nothing written yet
    client.post(url("import", plan), {"confirm": "1"})
    assert dict(Measurement.objects.values_list("period", "value")) == {
        date(2027, 1, 1): 7,
        date(2027, 2, 1): 9,
    }


def test_one_bad_row_writes_nothing_and_says_why(login, plan, member, other_workspace):
    kpi = kpis_of(plan)[0]
    response = login(member).post(
        url("import", plan),
        {
            "file": csv_file(
                f"kpi_id;kpi;period;value;note\n{kpi.pk};x;2027-01;7;\n{kpi.pk};x;March;8;\n"
                f"99999;x;2027-02;1;\n{kpi.pk};x;2027-03;abc;\n"
            )
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "The period must look like 2027-03." in html
    assert "Unknown KPI “99999” for this plan." in html and "“abc” is not a number." in html
    assert not Measurement.objects.exists()
    login(member).post(url("import", plan), {"confirm": "1"})
    assert not Measurement.objects.exists()


def test_excel_files_import_too(login, plan, member):
    kpi = kpis_of(plan)[0]
    book = Workbook()
    book.active.append(["kpi_id", "kpi", "period", "value", "note"])
    book.active.append([kpi.pk, "x", "2027-04", 12.5, ""])
    data = io.BytesIO()
    book.save(data)
    client = login(member)
    client.post(url("import", plan), {"file": SimpleUploadedFile("f.xlsx", data.getvalue())})
    client.post(url("import", plan), {"confirm": "1"})
    assert Measurement.objects.get().value == 12.5


def test_wrong_files_are_refused(login, plan, member):
    kpis_of(plan)
    client = login(member)
    for upload, message in [
        (SimpleUploadedFile("f.pdf", b"%PDF-1.4"), "Upload a .csv or .xlsx file."),
        (SimpleUploadedFile("f.xlsx", b"not a zip"), "Upload a .csv or .xlsx file."),
        (
            SimpleUploadedFile("f.csv", b"a" * (2 * 1024 * 1024 + 1)),
            "The file is larger than 2 MB.",
        ),
        (csv_file("wrong,header\n"), "The first row must be"),
    ]:
        response = client.post(url("import", plan), {"file": upload})
        assert response.status_code == 422 and message in response.content.decode()


def test_exports_neutralise_spreadsheet_formulas(login, plan, member):
    kpi = kpis_of(plan)[0]
    measure(kpi, date(2027, 1, 1), 3, note='=HYPERLINK("http://evil")')
    client = login(member)
    text = client.get(url("export", plan, "csv")).content.decode()
    assert "'=HYPERLINK" in text
    book = load_workbook(io.BytesIO(client.get(url("export", plan, "xlsx")).content))
    notes = [row[4] for row in book.active.iter_rows(values_only=True)]
    assert notes[1].startswith("'=")
    assert client.get(url("export", plan, "exe")).status_code == 404
