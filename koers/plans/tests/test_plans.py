"""Creating and editing plans in a workspace."""

from django.urls import reverse

from koers.plans.models import Plan

PLAN_DATA = {
    "name": "Shop 2028",
    "period": "2028",
    "start_date": "2028-01-01",
    "end_date": "2028-12-31",
    "description": "",
}


def test_owner_creates_a_plan(login, workspace, owner):
    response = login(owner).post(reverse("plans:new", args=["acme"]), PLAN_DATA)
    plan = Plan.objects.get(name="Shop 2028")
    assert response["Location"] == reverse("plans:detail", args=["acme", plan.pk])
    assert plan.workspace == workspace


def test_end_before_start_is_refused(login, workspace, owner):
    data = {**PLAN_DATA, "end_date": "2027-01-01"}
    response = login(owner).post(reverse("plans:new", args=["acme"]), data)
    assert response.status_code == 422
    assert "The end date must be on or after the start date." in response.content.decode()
    assert not Plan.objects.exists()


def test_workspace_page_lists_its_plans_only(login, plan, member, outsider, other_workspace):
    Plan.objects.create(
        workspace=other_workspace,
        name="Secret",
        period="x",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    html = login(member).get(reverse("plans:workspace", args=["acme"])).content.decode()
    assert "Acme 2027" in html and "Secret" not in html


def test_owner_edits_plan_details(login, plan, owner):
    data = {**PLAN_DATA, "name": "Acme 2027 v2", "version": plan.version}
    login(owner).post(reverse("plans:edit", args=["acme", plan.pk]), data)
    plan.refresh_from_db()
    assert plan.name == "Acme 2027 v2"
