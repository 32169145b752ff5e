"""In a real browser: the OGSM owner finds the workspace settings on the team page, renames the
workspace and moves it to another time zone, and an empty name is refused with a message on the
page; in English and Dutch, desktop and phone."""

import pytest

from koers.accounts.models import Workspace

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


def _save_empty_name(page, button):
    page.fill("input[name=name]", "")
    page.click(f"main button:has-text('{button}')")


@pytest.mark.django_db(transaction=True)
def test_the_owner_renames_the_workspace_and_an_empty_name_is_refused(
    page, live_server, log_in, screenshot, workspace, owner
):
    log_in(owner)
    page.goto(f"{live_server.url}/w/acme/members/")
    page.click("text=Workspace settings")
    page.locator("h1", has_text="Workspace settings").wait_for()
    page.fill("input[name=name]", "Acme Bread")
    page.select_option("select[name=time_zone]", "Pacific/Auckland")
    page.click("main button:has-text('Save')")
    page.locator(".messages", has_text="Workspace settings saved.").wait_for()
    assert page.inner_text(".workspace-name") == "Acme Bread"
    workspace.refresh_from_db()
    assert (workspace.name, workspace.time_zone) == ("Acme Bread", "Pacific/Auckland")
    screenshot("saved-en")

    _save_empty_name(page, "Save")
    page.locator(".field-error", has_text="This field is required.").wait_for()
    assert page.inner_text(".workspace-name") == "Acme Bread"  # the stored name, still
    screenshot("refused-en")
    page.set_viewport_size(PHONE)
    screenshot("refused-en-phone")

    page.set_viewport_size(DESKTOP)
    page.click("button[name=language][value=nl]")
    page.goto(f"{live_server.url}/w/acme/members/")
    screenshot("team-nl")
    page.click("text=Werkruimte-instellingen")
    page.locator("h1", has_text="Werkruimte-instellingen").wait_for()
    assert "Tijdzone" in page.inner_text("main")
    _save_empty_name(page, "Opslaan")
    page.locator(".field-error", has_text="Dit veld is verplicht.").wait_for()
    screenshot("refused-nl")
    page.set_viewport_size(PHONE)
    screenshot("refused-nl-phone")
    assert Workspace.objects.get(pk=workspace.pk).name == "Acme Bread"
