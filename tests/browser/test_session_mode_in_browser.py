"""In a real browser, in Dutch and English: a steering session's review answers confirm and
show the choice, an evaluation entry is corrected and removed, the conclusions are written, and
ending the session asks first; the minutes name the strategy of each note."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from koers.actions.tests.factories import make_action
from koers.meetings import decisions
from koers.meetings.models import EvaluationItem, Kind
from koers.meetings.tests.factories import make_session


def _in(language, text) -> str:
    with translation.override(language):
        return str(_(text))


def go_to(page, title):
    page.click(f".agenda-nav a:has-text('{title}')")
    page.locator(".run-title", has_text=title).wait_for()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_steering_session_on_the_shared_screen(
    page, live_server, log_in, screenshot, plan, process_owner, member, language
):
    process_owner.language = language
    process_owner.save()
    t = lambda text: _in(language, text)  # noqa: E731
    make_action(plan.strategies.get(), member, "Launch the webshop")
    earlier = make_session(plan, kind=Kind.STEERING, days_ahead=-90)
    EvaluationItem.objects.create(
        session=earlier, topic="process", verdict="stop", text="Long e-mail threads"
    )
    decisions.close_session(earlier)
    session = make_session(plan, kind=Kind.STEERING)
    log_in(process_owner)
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/sessions/{session.pk}/run/")

    go_to(page, t("What we agreed last time"))
    page.click(f".review-list button:has-text('{t('We did it')}')")
    page.locator(".messages", has_text="Long e-mail threads").wait_for()
    chosen = page.locator(".review-list button[aria-pressed=true]")
    assert t("We did it") in chosen.inner_text()
    assert page.locator(".run-item", has_text="Long e-mail threads").count() == 1
    screenshot(f"review-{language}")

    go_to(page, t("Start or improve, keep, stop"))
    form = page.locator("form[action$='/run/evaluation/']")
    form.locator("input[name=text]").fill("Stand-up on Mondy")
    form.locator("button").click()
    page.locator(".run-item li", has_text="Stand-up on Mondy").wait_for()
    page.locator(".run-item li", has_text="Stand-up on Mondy").locator("a.button").click()
    page.locator("#edit_text").fill("Stand-up on Monday")
    screenshot(f"evaluation-edit-{language}")
    page.locator("#edit_text").press("Enter")
    page.locator(".run-item li", has_text="Stand-up on Monday").wait_for()
    page.locator(".run-item li", has_text="Stand-up on Monday").locator("button").click()
    removed = t("Removed: “%(text)s”.") % {"text": "Stand-up on Monday"}
    page.locator(".messages", has_text=removed).wait_for()
    assert page.locator(".run-item li", has_text="Stand-up on Monday").count() == 0

    go_to(page, t("Conclusions and agreements"))
    page.fill("textarea[name=remedy]", "Next steering session in the new shop")
    page.click(f"text={t('Record in the minutes')}")
    page.locator(".messages", has_text=t("Noted.")).wait_for()

    page.click(f"text={t('End the session')}")
    page.locator("h1", has_text=t("End the session?")).wait_for()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(f"end-confirm-phone-{language}")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.click(f"text={t('Yes, end the session')}")
    page.locator("h1", has_text=t("Minutes")).wait_for()
    minutes = page.locator("main").inner_text()
    assert "Next steering session in the new shop" in minutes
    assert "Long e-mail threads" in minutes
    screenshot(f"minutes-{language}")
