"""In a real browser: the OGSM owner adds a strategy inline and switches language."""

import pytest

from koers.plans.models import Strategy


@pytest.mark.django_db(transaction=True)
def test_owner_adds_a_strategy_inline_and_switches_language(
    page, live_server, log_in, screenshot, plan, owner
):
    owner.language = "nl"
    owner.save()
    log_in(owner)
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/")
    assert page.locator("html").get_attribute("lang") == "nl"

    page.click("#strategies > a.add-link")  # htmx loads the form in place
    form = page.locator("#strategies form.item-form")
    form.locator("input[name=title]").fill("Open a second shop")
    form.locator("textarea[name=description]").fill("In the new district by the station")
    form.locator("select[name=owner]").select_option(label="Mia")
    url_before = page.url
    form.locator("button[type=submit]").click()
    page.locator("#strategies h3", has_text="Open a second shop").wait_for()
    assert page.url == url_before  # no page load: the column was swapped in place
    assert Strategy.objects.filter(title="Open a second shop", owner__username="mia").exists()
    screenshot("plan-nl")

    page.click("button[name=language][value=en]")
    page.locator("h2", has_text="Strategies").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot("plan-en")

    page.click("button[name=language][value=nl]")
    page.locator("h2", has_text="Strategieën").wait_for()
    owner.refresh_from_db()
    assert owner.language == "nl"
