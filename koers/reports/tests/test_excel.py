"""The plan as an Excel workbook, and its action sheet read back."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from koers.actions.models import Action, ActionUpdate, Colour
from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement
from koers.lib.versioning import save_versioned
from koers.reports.excel import ACTION_COLUMNS


@pytest.fixture
def action(plan, member):
    return Action.objects.create(
        strategy=plan.strategies.get(),
        title='=HYPERLINK("http://evil")',
        owner=member,
        start_date=date(2027, 2, 1),
        due_date=date(2027, 3, 31),
        progress=40,
        colour=Colour.ORANGE,
    )


def _workbook(client, plan):
    url = reverse("reports:plan_xlsx", args=[plan.workspace.slug, plan.pk])
    response = client.get(url)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_the_workbook_holds_the_plan_with_real_numbers_and_dates(
    login, owner, plan, action, member
):
    services.ensure_kpis(plan)
    kpi = Kpi.objects.filter(plan=plan).first()
    Measurement.objects.create(kpi=kpi, period=date(2027, 1, 1), value=Decimal("12.5"))
    ActionUpdate.objects.create(
        action=action,
        author=member,
        need="Budget",
        need_from=owner,
        progress=40,
        colour=Colour.ORANGE,
        created_at=datetime(2027, 2, 3, 9, 0).astimezone(),
    )
    book = _workbook(login(owner), plan)
    assert book.sheetnames == ["OGSM", "Actions", "KPIs", "Figures", "Open requests"]
    ogsm = [row for row in book["OGSM"].iter_rows(values_only=True)]
    assert ogsm[1][:2] == ("Objective", "Be the best bakery in town.")
    goal = next(row for row in ogsm if row[0] == "Goal")
    assert goal[2] == 1000000 and isinstance(goal[2], int | float)
    actions = list(book["Actions"].iter_rows(values_only=True))
    assert list(actions[0]) == ACTION_COLUMNS
    row = dict(zip(ACTION_COLUMNS, actions[1], strict=True))
    assert row["title"] == '\'=HYPERLINK("http://evil")'  # stays text, never a formula
    assert row["start_date"].date() == date(2027, 2, 1) and row["progress"] == 40
    figures = list(book["Figures"].iter_rows(values_only=True))
    assert figures[1][2].date() == date(2027, 1, 1) and figures[1][3] == 12.5
    requests = list(book["Open requests"].iter_rows(values_only=True))
    assert requests[1][3] == "Budget"


def test_the_workbook_speaks_dutch_to_a_dutch_reader(login, owner, plan):
    owner.language = "nl"
    owner.save()
    book = _workbook(login(owner), plan)
    assert "Acties" in book.sheetnames


def _edited(book_bytes, edit) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(book_bytes))
    edit(book["Actions"])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("plan.xlsx", out.getvalue())


def _download(client, plan) -> bytes:
    return client.get(reverse("reports:plan_xlsx", args=[plan.workspace.slug, plan.pk])).content


def _upload(client, plan, upload):
    url = reverse("reports:action_import", args=[plan.workspace.slug, plan.pk])
    return client.post(url, {"file": upload})


def _confirm(client, plan):
    url = reverse("reports:action_import", args=[plan.workspace.slug, plan.pk])
    return client.post(url, {"confirm": "1"})


def _change_and_add(sheet):
    sheet["D2"] = "Open the web shop"
    sheet["H2"] = date(2027, 4, 30)
    sheet.append(["", "", "Go online", "Train the staff", "", "olivia", "2027-05-01", None])


def test_edited_and_new_rows_are_previewed_then_written(login, owner, plan, action):
    client = login(owner)
    response = _upload(client, plan, _edited(_download(client, plan), _change_and_add))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Open the web shop" in page and "Train the staff" in page and "2027-03-31" not in page
    assert Action.objects.get(pk=action.pk).title.startswith("=")  # nothing written yet

    response = _confirm(client, plan)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.due_date) == ("Open the web shop", date(2027, 4, 30))
    new = Action.objects.get(title="Train the staff")
    assert new.owner == owner and new.start_date == date(2027, 5, 1) and not new.proposed


def test_a_row_edited_in_koers_after_the_download_is_refused_not_overwritten(
    login, owner, plan, action
):
    client = login(owner)
    downloaded = _download(client, plan)
    action.title = "Renamed in Koers"
    save_versioned(action, ["title"], action.version)

    response = _upload(client, plan, _edited(downloaded, _change_and_add))
    assert response.status_code == 422
    assert "changed in Koers after the download" in response.content.decode()
    assert _confirm(client, plan).status_code == 302
    assert Action.objects.get(pk=action.pk).title == "Renamed in Koers"
    assert not Action.objects.filter(title="Train the staff").exists()


def test_an_edit_between_preview_and_confirm_writes_nothing(login, owner, plan, action):
    client = login(owner)
    assert (
        _upload(client, plan, _edited(_download(client, plan), _change_and_add)).status_code == 200
    )
    fresh = Action.objects.get(pk=action.pk)
    fresh.description = "Someone was quicker"
    save_versioned(fresh, ["description"], fresh.version)

    _confirm(client, plan)
    assert Action.objects.get(pk=action.pk).title.startswith("=")
    assert not Action.objects.filter(title="Train the staff").exists()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda s: s.__setitem__("F2", "nobody"), "is not a member"),
        (lambda s: s.__setitem__("G2", "31-02-2027"), "Dates must look like"),
        (lambda s: s.__setitem__("C2", "No such strategy"), "is not one strategy"),
        (lambda s: s.__setitem__("A2", 999999), "no action 999999"),
        (lambda s: s.__setitem__("D2", ""), "needs a title"),
    ],
)
def test_a_wrong_row_is_shown_and_nothing_is_written(login, owner, plan, action, edit, message):
    client = login(owner)

    def both(sheet):
        _change_and_add(sheet)
        edit(sheet)

    response = _upload(client, plan, _edited(_download(client, plan), both))
    assert response.status_code == 422
    assert message in response.content.decode()
    _confirm(client, plan)
    assert not Action.objects.filter(title="Train the staff").exists()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 2**20))
    return out.getvalue()


def _many_rows() -> bytes:
    book = Workbook()
    book.active.append(ACTION_COLUMNS)
    for n in range(2100):
        book.active.append(["", "", "Go online", f"Action {n}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.xlsx", _zip_bomb(), "unpacks to more"),
        ("rows.xlsx", _many_rows(), "more than 2000 rows"),
        ("plan.csv", b"id,version\n", "Upload the .xlsx workbook"),
        ("fake.xlsx", b"PK not a zip at all", "not an Excel workbook"),
    ],
)
def test_hostile_files_are_refused_before_anything_is_read(
    login, owner, plan, name, content, message
):
    response = _upload(login(owner), plan, SimpleUploadedFile(name, content))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Action.objects.filter(strategy__plan=plan).exists()
