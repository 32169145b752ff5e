"""In a real browser: a member posts an orange update; the OGSM owner closes another action
as Done with the follow-up handed over to a daily process."""

import pytest

from koers.actions.models import Action, DoneCriterion, Status
from koers.actions.tests.factories import make_action


@pytest.mark.django_db(transaction=True)
def test_member_updates_and_owner_closes_with_a_handover(
    page, live_server, log_in, screenshot, plan, owner, member, process_owner
):
    strategy = plan.strategies.get()
    mine = make_action(strategy, member, "Launch the webshop")
    theirs = make_action(strategy, owner, "Choose a payment provider", status=Status.IN_PROGRESS)
    base = f"{live_server.url}/w/acme/plans/{plan.pk}"

    log_in(member)
    page.goto(f"{base}/actions/{mine.pk}/")
    page.fill("textarea[name=did]", "Picked a template and filled the catalogue")
    page.fill("textarea[name=next]", "Test orders with five customers")
    page.fill("textarea[name=need]", "Photos of the bread")
    page.select_option("select[name=need_from]", label="Olivia")
    page.fill("input[name=progress]", "45")
    page.check("input[name=colour][value=orange]")
    page.click("#activity button[type=submit]")
    page.locator(".timeline-item", has_text="Picked a template").wait_for()
    assert "In progress" in page.locator("#action-facts").inner_text()  # header refreshed too
    screenshot("timeline")
    mine.refresh_from_db()
    assert (mine.progress, mine.colour) == (45, "orange")

    page.context.clear_cookies()
    log_in(owner)
    page.goto(f"{base}/actions/{theirs.pk}/close/")
    page.check("input[name=criterion][value=embedded]")
    page.fill("input[name=process]", "Monthly bookkeeping")
    page.select_option("select[name=carried_by]", label="Peter")
    page.click("main button[type=submit]")
    page.locator("text=How it was closed").wait_for()
    theirs.refresh_from_db()
    assert theirs.status == Status.DONE and theirs.done_criterion == DoneCriterion.EMBEDDED
    assert theirs.handover_owner == process_owner

    page.goto(f"{base}/actions/")
    page.locator(".light-orange").first.wait_for()
    screenshot("list")
    page.goto(f"{base}/board/")
    screenshot("board")
    page.goto(f"{live_server.url}/w/acme/my/")
    assert page.locator("text=Photos of the bread").count() == 1  # the request reached Olivia
    screenshot("my-actions")
    assert Action.objects.count() == 2
