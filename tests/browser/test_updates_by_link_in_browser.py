"""In a real browser, on a phone, in Dutch and English: the link from the request e-mail opens
all my updates without logging in; I update three actions (one saved on its own, one marked
unchanged, one with the rest) and the process owner sees them on the round page."""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.actions import rules as action_rules
from koers.actions.tests.factories import make_action
from koers.meetings import mail as meeting_mail
from koers.meetings import rounds
from koers.meetings.tests.factories import make_session

PHONE = {"width": 390, "height": 844}


def _in(language, text) -> str:
    with translation.override(language):
        return str(_(text))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_three_updates_from_the_mail_link_on_a_phone(
    browser, page, live_server, log_in, settings, plan, process_owner, member, language
):
    for person in (member, process_owner):
        person.language = language
        person.save()
    t = lambda text: _in(language, text)  # noqa: E731
    strategy = plan.strategies.get()
    session = make_session(plan, days_ahead=4)
    first = make_action(strategy, member, "Open the webshop")
    second = make_action(strategy, member, "Print flyers")
    action_rules.post_update(
        second, member, did="Designed", next="Print", progress=40, colour="orange"
    )
    third = make_action(strategy, member, "Hire a baker")
    settings.SITE_URL = live_server.url
    rounds.open_update_round(session, meeting_mail.send_update_request(session))
    body = next(m.body for m in mail.outbox if member.email in m.to)
    link = re.search(r"http\S+/u/\S+/", body).group(0)

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        view = phone.new_page()
        view.set_default_timeout(10_000)
        view.goto(link)  # a fresh browser: no session, no password
        view.locator(f"#item-a{first.pk}").wait_for()
        assert "Designed" in view.locator(f"#item-a{second.pk} .previous").inner_text()
        view.fill(f"textarea[name=a{first.pk}-did]", "Chose a platform")
        view.fill(f"input[name=a{first.pk}-progress]", "20")
        view.check(f"input[name=a{first.pk}-colour][value=green]")
        view.click(f"#item-a{first.pk} button[name=only]")
        view.locator(f"#item-a{first.pk} .saved-note", has_text=t("Saved")).wait_for()
        view.check(f"input[name=a{second.pk}-same]")
        view.fill(f"textarea[name=a{third.pk}-next]", "Place the vacancy")
        view.check(f"input[name=a{third.pk}-colour][value=green]")
        view.screenshot(path=_shot(settings, f"link-phone-{language}"), full_page=True)
        view.click("button.primary[type=submit]")
        with translation.override(language):
            saved = ngettext("%(n)d update saved.", "%(n)d updates saved.", 2) % {"n": 2}
        view.locator(".messages", has_text=saved).wait_for()
        view.screenshot(path=_shot(settings, f"link-phone-saved-{language}"), full_page=True)
    finally:
        phone.close()
    assert [a.updates.count() for a in (first, second, third)] == [1, 2, 1]

    log_in(process_owner)
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/sessions/{session.pk}/round/")
    answered = t("%(done)s of %(total)s people have given all their updates.") % {
        "done": 1,
        "total": 1,
    }
    page.locator(".page-head", has_text=answered).wait_for()


def _shot(settings, name) -> str:
    from pathlib import Path

    folder = Path(settings.TEST_OUTPUT_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"{name}.png")
