"""In a real browser, a full monthly cycle: schedule → update round → two owners update →
pre-read → run the session, decide one new action and one closure → the minutes show both."""

import pytest
from django.core import mail

from koers.actions.models import Action, Status
from koers.actions.tests.factories import make_action
from koers.meetings.models import Session


@pytest.mark.django_db(transaction=True)
def test_a_monthly_update_cycle(
    page, live_server, log_in, screenshot, plan, owner, process_owner, member
):
    strategy = plan.strategies.get()
    webshop = make_action(strategy, member, "Launch the webshop")
    flyers = make_action(strategy, owner, "Print flyers")
    base = f"{live_server.url}/w/acme/plans/{plan.pk}"

    # The process owner plans the year by the rhythm and asks for updates.
    log_in(process_owner)
    page.goto(f"{base}/sessions/")
    page.click("text=Plan sessions by the rhythm")
    page.locator(".session-card").first.wait_for()
    screenshot("sessions")
    session = Session.objects.filter(plan=plan).order_by("starts_at").first()
    page.goto(f"{base}/sessions/{session.pk}/round/")
    page.click("text=Ask everyone now")
    page.locator("text=The update requests are being sent.").wait_for()
    assert sorted(m.to[0] for m in mail.outbox) == ["mia@example.com", "olivia@example.com"]

    # Two owners post their update.
    for user, action, colour, did in [
        (member, webshop, "red", "Platform chosen, photos late"),
        (owner, flyers, "green", "Flyers printed"),
    ]:
        page.context.clear_cookies()
        log_in(user)
        page.goto(f"{base}/actions/{action.pk}/")
        page.fill("textarea[name=did]", did)
        page.fill("input[name=progress]", "100" if colour == "green" else "30")
        page.check(f"input[name=colour][value={colour}]")
        page.click("#activity button[type=submit]")
        page.locator(".timeline-item", has_text=did).wait_for()

    page.context.clear_cookies()
    log_in(process_owner)
    page.goto(f"{base}/sessions/{session.pk}/round/")
    assert "2 of 2 people have given all their updates." in page.content()
    page.goto(f"{base}/sessions/{session.pk}/pre-read/")
    assert "Platform chosen, photos late" in page.content()
    screenshot("pre-read")

    # Session mode: the red webshop is on the agenda; decide a new action; close the flyers.
    page.goto(f"{base}/sessions/{session.pk}/")
    page.click("text=Start the session")
    page.locator(".run-item").wait_for()
    assert "Launch the webshop" in page.locator(".run-item").inner_text()
    page.fill("textarea[name=reasons]", "The photographer is ill")
    page.fill("textarea[name=remedy]", "Use our own photos for now")
    page.click("text=Record in the minutes")
    page.locator("text=Noted.").wait_for()
    new = page.locator("form:has(input[name=title])")
    new.locator("input[name=title]").fill("Book a stand-in photographer")
    new.locator("select[name=owner]").select_option(label="Mia")
    new.locator("button").click()
    page.locator(".decisions >> text=Book a stand-in photographer").wait_for()
    screenshot("session-mode")
    page.click(".agenda-nav >> text=Print flyers")
    page.locator(".run-title", has_text="Print flyers").wait_for()
    page.check("input[name=criterion][value=finished]")
    page.click("button:has-text('Close as done')")
    page.locator(".decisions >> text=closed as done").wait_for()

    page.click("text=End the session")
    page.locator("h1", has_text="End the session?").wait_for()
    page.click("text=Yes, end the session")
    page.locator("h1", has_text="Minutes").wait_for()

    minutes = page.content()
    assert "Print flyers" in minutes and "closed as done" in minutes
    assert "Book a stand-in photographer" in minutes
    assert "The photographer is ill" in minutes
    screenshot("minutes")
    flyers.refresh_from_db()
    assert flyers.status == Status.DONE
    new_action = Action.objects.get(title="Book a stand-in photographer")
    assert new_action.owner == member and not new_action.proposed
