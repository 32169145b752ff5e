"""In a real browser, a member's month from the page she lands on: My work lists the update
asked for the next (steering) session, her strategy update, a request addressed to her, a
decision that gave her an action and her proposal waiting for that session; she works through
them one click each, in English and in Dutch, on a desktop and on a phone."""

import pytest

from koers.actions import rules as action_rules
from koers.actions.tests.factories import make_action
from koers.meetings.models import Decision, Kind
from koers.meetings.tests.factories import make_session

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}


def both_sizes(page, screenshot, name):
    page.set_viewport_size(DESKTOP)
    screenshot(name)
    page.set_viewport_size(PHONE)
    screenshot(f"{name}-phone")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"{name} scrolls sideways on a phone ({wide}px)"
    # Every item of the workspace menu is in view on a phone, none hidden past its edge.
    hidden = page.eval_on_selector(".workspace-nav", "nav => nav.scrollWidth - nav.clientWidth")
    assert hidden <= 0, f"{name}: the menu hides {hidden}px past the edge of the screen"
    page.set_viewport_size(DESKTOP)


@pytest.mark.django_db(transaction=True)
def test_a_members_month_from_my_work(page, live_server, log_in, screenshot, plan, owner, member):
    strategy = plan.strategies.get()  # Mia owns the strategy
    make_action(strategy, member, "Launch the webshop")
    given = make_action(strategy, member, "Photograph the breads")
    asking = make_action(strategy, owner, "Sign the lease")
    action_rules.post_update(
        asking, owner, need="Read the lease draft", need_from=member, progress=10, colour="orange"
    )
    held = make_session(plan, days_ahead=-25)
    action_rules.post_update(given, member, did="Planned", progress=5, colour="green")
    Decision.objects.create(
        session=held, type=Decision.Type.OWNER, action=given, summary="Photos go to Mia."
    )
    make_session(plan, kind=Kind.STEERING, days_ahead=6)
    # Her own idea waits for that steering session: listed, not asked of her.
    make_action(strategy, None, "Bake a spelt loaf", proposed=True, proposed_by=member)

    # She logs in and lands on My work, which says what is asked and counts it in the menu.
    log_in(member)
    assert page.url.endswith("/w/acme/my/")
    page.locator("h1", has_text="My work").wait_for()
    badge = page.locator(".workspace-nav .count-badge")
    assert badge.inner_text().split()[0] == "4"
    text = page.locator("main").inner_text()
    for expected in [
        "Updates asked for the next session",
        "Launch the webshop",
        "Strategy updates asked for the steering session",
        "Read the lease draft",
        "Photos go to Mia.",
        "Your proposals awaiting a decision",
        "To be decided in: Steering session",
    ]:
        assert expected in text
    both_sizes(page, screenshot, "my-work-en")

    # One click to the update form; after posting, the item has left My work.
    page.click(".asked-item:has-text('Launch the webshop') >> text=Write the update")
    page.locator("textarea[name=did]").wait_for()
    page.fill("textarea[name=did]", "Platform chosen")
    page.fill("input[name=progress]", "30")
    page.check("input[name=colour][value=orange]")
    page.click("#activity button[type=submit]")
    page.locator(".timeline-item", has_text="Platform chosen").wait_for()
    page.click(".workspace-nav >> text=My work")
    page.locator("h1", has_text="My work").wait_for()
    assert "Launch the webshop" not in page.locator(".my-work").first.inner_text()

    # The strategy update, one click away too.
    page.click("text=Write the strategy update")
    page.fill("textarea[name=did]", "Webshop platform chosen")
    page.check("input[name=colour][value=green]")
    page.click("main button[type=submit]")
    page.click(".workspace-nav >> text=My work")
    assert "Strategy updates asked" not in page.locator("main").inner_text()

    # The request: answered in place.
    page.click(".request-item:has-text('Read the lease draft') >> text=Mark answered")
    page.locator("text=Marked as answered.").wait_for()
    assert "Read the lease draft" not in page.locator("main").inner_text()

    # The decision that gave her the photos: the action, and her first update since.
    page.click(".asked-item:has-text('Photos go to Mia.') >> text=Open the action")
    page.fill("textarea[name=did]", "Booked the studio")
    page.fill("input[name=progress]", "10")
    page.check("input[name=colour][value=green]")
    page.click("#activity button[type=submit]")
    page.locator(".timeline-item", has_text="Booked the studio").wait_for()
    page.click(".workspace-nav >> text=My work")
    assert "Nothing is asked of you right now." in page.locator("main").inner_text()
    assert page.locator(".workspace-nav .count-badge").count() == 0

    # The same page in Dutch: its own words and dates ("8 dec 2026", not "8 Dec").
    page.click("button[name=language][value=nl]")
    page.locator("h1", has_text="Mijn werk").wait_for()
    proposals = page.locator(".my-proposals").inner_text()
    assert "Je voorstellen die op een besluit wachten" in proposals
    assert "Besluit volgt in: Stuursessie" in proposals and "Bake a spelt loaf" in proposals
    both_sizes(page, screenshot, "my-work-nl")
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/actions/")
    page.locator("h1").first.wait_for()
    both_sizes(page, screenshot, "actions-nl")
