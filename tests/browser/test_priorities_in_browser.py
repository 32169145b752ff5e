"""In a real browser, in Dutch and English, on a desktop and a phone: the plan session is set
over three half-days in the session form, the session page and the pre-read show them; in
session mode the team reorders a strategy's priorities, moves an action back to To do and
accepts a member's proposed action; the minutes list each decision."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koers.actions import rules as action_rules
from koers.actions.models import Action, Status
from koers.actions.tests.factories import make_action
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}


def _in(language, text) -> str:
    with translation.override(language):
        return str(_(text))


def _actions(plan, member, owner):
    strategy = plan.strategies.get()
    webshop = make_action(strategy, member, "Open a webshop", position=0)
    action_rules.post_update(webshop, member, did="Chose a platform", progress=30, colour="red")
    flyers = make_action(strategy, member, "Print flyers", position=1)
    action_rules.post_update(flyers, member, did="Designed", progress=60, colour="green")
    baker = make_action(strategy, owner, "Hire a baker", position=2)
    proposal = make_action(
        strategy, None, "Bake gluten-free bread", position=3, proposed=True, proposed_by=member
    )
    return webshop, flyers, baker, proposal


def _decided(page, text):
    page.locator(".decisions li", has_text=text).wait_for()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_priorities_proposals_and_a_session_over_several_days(
    page, live_server, log_in, screenshot, plan, process_owner, member, owner, language
):
    process_owner.language = language
    process_owner.save()
    t = lambda text: _in(language, text)  # noqa: E731
    webshop, flyers, baker, proposal = _actions(plan, member, owner)
    planning = make_session(plan, kind=Kind.PLAN, duration_minutes=240)
    first = timezone.localtime(planning.starts_at).date()
    second, third = first + timedelta(days=1), first + timedelta(days=7)
    log_in(process_owner)
    base = f"{live_server.url}/w/acme/plans/{plan.pk}/sessions/{planning.pk}"

    # The session form: two further half-days.
    page.goto(f"{base}/edit/")
    page.fill("input[name=day_2]", second.isoformat())
    page.fill("input[name=day_3]", third.isoformat())
    screenshot(f"session-form-{language}")
    page.click("main button[type=submit]")
    days = page.locator(".session-days")
    days.wait_for()
    with translation.override(language):
        from django.utils.formats import date_format

        shown = [date_format(d) for d in (first, second, third)]
    assert " · ".join(shown) in days.inner_text()
    screenshot(f"session-days-{language}")
    page.set_viewport_size(PHONE)
    screenshot(f"session-days-phone-{language}")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/pre-read/")
    assert shown[2] in page.locator(".session-days").inner_text()

    # Session mode: the priorities, then the proposals.
    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(planning)))]
    page.goto(f"{base}/run/?item={keys.index('priorities')}")
    page.click(f'#priority-{baker.pk} button[title="{t("Up")}"]')
    _decided(page, "Hire a baker")
    order = list(
        Action.objects.filter(proposed=False).order_by("position").values_list("pk", flat=True)
    )
    assert order == [webshop.pk, baker.pk, flyers.pk]
    page.click(f"#priority-{webshop.pk} button:has-text('{t('Back to To do')}')")
    _decided(
        page, t("“%(title)s” is no priority for now: back to To do.") % {"title": webshop.title}
    )
    webshop.refresh_from_db()
    assert webshop.status == Status.TODO
    screenshot(f"priorities-{language}")
    page.set_viewport_size(PHONE)
    screenshot(f"priorities-phone-{language}")
    page.set_viewport_size(DESKTOP)

    page.goto(f"{base}/run/?item={keys.index('proposals')}")
    card = page.locator(f"#proposal-{proposal.pk}")
    card.locator("select[name=owner]").select_option(str(member.pk))
    card.locator("input[name=due_date]").fill((first + timedelta(days=90)).isoformat())
    screenshot(f"proposal-{language}")
    card.locator(f"button:has-text('{t('Accept into the action plan')}')").click()
    _decided(page, "Bake gluten-free bread")
    proposal.refresh_from_db()
    assert not proposal.proposed and proposal.owner == member
    page.set_viewport_size(PHONE)
    screenshot(f"proposal-accepted-phone-{language}")
    page.set_viewport_size(DESKTOP)

    page.goto(f"{base}/minutes/")
    minutes = page.locator("main").inner_text()
    back = t("“%(title)s” is no priority for now: back to To do.") % {"title": webshop.title}
    for text in ("Hire a baker", back, "Bake gluten-free bread"):
        assert text in minutes, text
    screenshot(f"minutes-{language}")
