"""In a real browser: roles per plan in both directions. The OGSM owner makes a workspace member
the OGSM owner of the department's plan (she edits it, and only reads the organisation's) and
makes the workspace's process owner a viewer of the organisation plan (no editing controls
there); in English and Dutch, desktop and phone."""

from datetime import date

import pytest

from koers.actions.models import Action
from koers.plans.models import Plan, PlanRole

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


def _set_role(page, person, role_label):
    row = page.locator("table.plan-roles tr", has_text=person)
    row.locator("select[name=role]").select_option(label=role_label)
    row.locator("button[type=submit]").click()
    page.locator(".messages", has_text="saved").wait_for()


@pytest.mark.django_db(transaction=True)
def test_roles_per_plan_up_and_down(
    page, live_server, log_in, screenshot, plan, owner, member, process_owner
):
    department = Plan.objects.create(
        workspace=plan.workspace,
        name="Bakery department",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
        objective="Bread by seven.",
    )
    # Peter owns an open action on the organisation plan: once a viewer, he cannot update it.
    Action.objects.create(
        strategy=plan.strategies.get(), title="Launch the web shop", owner=process_owner
    )
    base = f"{live_server.url}/w/acme/plans"
    log_in(owner)

    page.goto(f"{base}/{department.pk}/")
    page.click("text=Roles on this plan")
    page.locator("h1", has_text="Roles on this plan").wait_for()
    _set_role(page, "Mia", "OGSM owner")
    assert PlanRole.objects.get(plan=department, user=member).role == "ogsm_owner"
    page.goto(f"{base}/{plan.pk}/roles/")
    _set_role(page, "Peter", "Viewer")
    assert PlanRole.objects.get(plan=plan, user=process_owner).role == "viewer"
    peter = page.locator("table.plan-roles tr", has_text="Peter")
    peter.locator(".row-warning", has_text="Owns 1 open action on this plan").wait_for()
    screenshot("roles-en")
    page.set_viewport_size(PHONE)
    page.reload()
    screenshot("roles-phone-en")
    page.goto(f"{live_server.url}/w/acme/members/")
    page.locator("li", has_text="Bakery department: OGSM owner").wait_for()
    screenshot("members-phone-en")

    # Mia, a member of the workspace, owns the department's plan: in Dutch, she edits it ...
    member.language = "nl"
    member.save()
    page.set_viewport_size(DESKTOP)
    page.context.clear_cookies()
    log_in(member)
    page.goto(f"{base}/{department.pk}/")
    page.click("text=Plangegevens")
    page.locator("input[name=name]").fill("Bakkerij 2027")
    page.locator("main form button[type=submit]").first.click()
    page.locator("h1", has_text="Bakkerij 2027").wait_for()
    page.locator("a", has_text="Rollen in dit plan").wait_for()
    screenshot("department-owner-nl")
    # ... and only reads the organisation's plan.
    page.goto(f"{base}/{plan.pk}/")
    page.locator("h1", has_text="Acme 2027").wait_for()
    assert page.locator("text=Plangegevens").count() == 0
    assert page.locator("text=Rollen in dit plan").count() == 0
    assert page.request.get(f"{base}/{plan.pk}/edit/").status == 403
    page.set_viewport_size(PHONE)
    page.reload()
    screenshot("organisation-reader-phone-nl")

    # Peter, process owner of the workspace, only views the organisation plan: no new actions
    # there, while on the department's plan he still leads.
    page.set_viewport_size(DESKTOP)
    page.context.clear_cookies()
    log_in(process_owner)
    page.goto(f"{base}/{plan.pk}/actions/")
    page.locator("h1").first.wait_for()
    assert page.locator("text=New action").count() == 0
    assert page.locator("text=Propose an action").count() == 0
    screenshot("organisation-viewer-en")
    page.goto(f"{base}/{department.pk}/actions/")
    page.locator("text=New action").first.wait_for()
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/{plan.pk}/actions/")
    screenshot("organisation-viewer-phone-en")
