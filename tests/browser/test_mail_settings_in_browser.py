"""In a real browser, on a phone, in Dutch and English: the unsubscribe link of the request
e-mail asks to confirm and stops those mails without logging in; then, logged in, the e-mail
settings page shows them off and turns the weekly digest on."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _

from koers.actions.tests.factories import make_action
from koers.meetings import mail as meeting_mail
from koers.meetings import notifications, rounds
from koers.meetings.tests.factories import make_session
from tests.browser.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}


def _shot(settings, name) -> str:
    folder = Path(settings.TEST_OUTPUT_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"{name}.png")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_unsubscribe_from_the_mail_and_the_settings_page_on_a_phone(
    browser, live_server, settings, plan, member, language
):
    member.language = language
    member.set_password(PASSWORD)
    member.save()

    def t(text):
        with translation.override(language):
            return str(_(text))

    session = make_session(plan, days_ahead=4)
    make_action(plan.strategies.get(), member, "Open the webshop")
    settings.SITE_URL = live_server.url
    rounds.open_update_round(session, meeting_mail.send_update_request(session))
    message = next(m for m in mail.outbox if member.email in m.to)
    link = re.search(r"http\S+/unsubscribe/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        view = phone.new_page()
        view.set_default_timeout(10_000)
        view.goto(link)  # a fresh browser: no session
        view.locator("h1", has_text=t("Stop e-mails")).wait_for()
        view.screenshot(path=_shot(settings, f"unsubscribe-phone-{language}"), full_page=True)
        view.click("main button[type=submit]")
        view.locator("h1", has_text=t("You are unsubscribed")).wait_for()
        view.screenshot(path=_shot(settings, f"unsubscribed-phone-{language}"), full_page=True)
        assert notifications.wants(member, notifications.Kind.UPDATE_REQUESTS) is False

        view.goto(f"{live_server.url}/accounts/login/")
        view.fill("input[name=username]", member.username)
        view.fill("input[name=password]", PASSWORD)
        view.click("main button[type=submit]")
        view.wait_for_url(f"{live_server.url}/**")
        view.goto(f"{live_server.url}/accounts/e-mail/")
        view.locator("h1", has_text=t("E-mail settings")).wait_for()
        assert not view.is_checked("input[name=update_requests]")
        assert view.is_checked("input[name=preread]")
        view.check("input[name=digest]")
        view.screenshot(path=_shot(settings, f"mail-settings-phone-{language}"), full_page=True)
        view.click("main button.primary[type=submit]")
        view.locator(".messages", has_text=t("Your e-mail settings are saved.")).wait_for()
    finally:
        phone.close()
    assert notifications.wants(member, notifications.Kind.DIGEST) is True
