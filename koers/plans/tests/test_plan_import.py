"""Import a plan from a sheet: every item previewed, then all written or none."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from koers.actions.models import Action
from koers.plans.models import Goal, Measure, Plan, Strategy

HEADER = "type,title,description,target,unit,date,owner_email,parent\n"
SHEET = HEADER + (
    "objective,Be the favourite bakery,,,,,,\n"
    'goal,Revenue,Revenue over the year,"1000000",EUR,2027-12-31,,\n'
    "strategy,Sell online,A web shop,,,,olivia@example.com,\n"
    "measure,Online orders,,500,orders,,,Sell online\n"
    "action,Build the shop,,,,2027-03-31,olivia@example.com,Sell online\n"
    "actie,Flyers,,,,,,Sell online\n"
)


@pytest.fixture
def empty_plan(workspace):
    return Plan.objects.create(
        workspace=workspace,
        name="New",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )


def url(plan):
    return reverse("plans:import", args=[plan.workspace.slug, plan.pk])


def upload(client, plan, text, name="plan.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(url(plan), {"file": SimpleUploadedFile(name, data)})


def test_a_sheet_is_previewed_item_by_item_then_written_at_once(login, empty_plan, owner):
    client = login(owner)
    preview = upload(client, empty_plan, SHEET)
    html = preview.content.decode()
    assert preview.status_code == 200 and "Import 6 items" in html
    assert "Build the shop" in html and "Olivia" in html
    assert not Goal.objects.exists() and not Strategy.objects.exists()  # nothing written yet
    response = client.post(url(empty_plan), {"confirm": "1"}, follow=True)
    assert "6 items imported." in response.content.decode()
    empty_plan.refresh_from_db()
    assert empty_plan.objective == "Be the favourite bakery"
    goal = Goal.objects.get(plan=empty_plan)
    assert (goal.target_value, goal.target_unit, goal.target_date) == (
        1000000,
        "EUR",
        date(2027, 12, 31),
    )
    strategy = Strategy.objects.get(plan=empty_plan)
    assert strategy.owner == owner
    assert Measure.objects.get(strategy=strategy).target == 500
    actions = Action.objects.filter(strategy=strategy).order_by("position")
    assert [a.title for a in actions] == ["Build the shop", "Flyers"]
    assert actions[0].due_date == date(2027, 3, 31)


def test_one_bad_row_writes_nothing_and_every_problem_is_shown(login, empty_plan, owner):
    sheet = HEADER + (
        "goal,Revenue,,a lot,,,,\n"
        "strategy,Sell online,,,,,not-an-address,\n"
        "measure,Orders,,,,,,No such strategy\n"
        "wish,Something,,,,,,\n"
        "goal,Fine goal,,10,%,,,\n"
    )
    client = login(owner)
    response = upload(client, empty_plan, sheet)
    html = response.content.decode()
    assert response.status_code == 422
    assert "is not a number" in html
    assert "“not-an-address” is not an e-mail address." in html
    assert "No such strategy" in html and "Unknown type" in html
    assert 'name="confirm"' not in html
    client.post(url(empty_plan), {"confirm": "1"})
    assert not Goal.objects.exists() and not Strategy.objects.exists()


def test_a_target_with_its_unit_fills_an_empty_unit_or_must_agree(login, empty_plan, owner):
    sheet = HEADER + "goal,Members,,450 members,,,,\ngoal,Revenue,,€ 1.2M,members,,,\n"
    client = login(owner)
    html = upload(client, empty_plan, sheet).content.decode()
    assert "“€ 1.2M” gives the unit “€”, but the unit field says “members”" in html
    upload(client, empty_plan, HEADER + "goal,Members,,450 members,,,,\n")
    client.post(url(empty_plan), {"confirm": "1"})
    goal = Goal.objects.get()
    assert (goal.target_value, goal.target_unit) == (450, "members")


def test_an_excel_sheet_is_read_through_the_shared_upload_rules(login, empty_plan, owner):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["goal", "Revenue", "", 1000, "EUR", date(2027, 12, 31), "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    client = login(owner)
    assert (
        "Import 1 item"
        in upload(client, empty_plan, buffer.getvalue(), "plan.xlsx").content.decode()
    )
    client.post(url(empty_plan), {"confirm": "1"})
    assert Goal.objects.get().target_date == date(2027, 12, 31)


def test_a_wrong_header_or_file_type_is_refused_with_a_message(login, empty_plan, owner):
    client = login(owner)
    assert "The first row must be" in upload(client, empty_plan, "a,b\n1,2\n").content.decode()
    assert (
        "Upload a .csv or .xlsx file"
        in upload(client, empty_plan, SHEET, "plan.txt").content.decode()
    )


def test_a_plan_with_an_objective_keeps_it(login, plan, owner):
    response = upload(login(owner), plan, HEADER + "objective,Another one,,,,,,\n")
    assert "already has an objective" in response.content.decode()
