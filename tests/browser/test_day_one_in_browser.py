"""Day one in a real browser, on an empty database, in English and Dutch: sign up, workspace,
plan → start from a template → paste actions → invite a colleague from the strategy's owner
picker and make them its owner before they join → rhythm → next session → the prepared agenda,
which says honestly that no update is in yet; then the colleague joins and owns the strategy.

Clicks and fields typed are counted along the way (`steps`) for the issue's before/after note.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from koers.accounts.models import Invite
from koers.actions.models import Action
from koers.meetings.models import Cadence, Session

TEXT = {
    "en": {
        "template": "Start from a template",
        "strategy": "Win new customers online",
        "paste": "Paste a list of actions",
        "add": "Add these actions",
        "added": "2 actions added to Win new customers online.",
        "invite": "Send invitation",
        "copy": "Copy invite link",
        "checklist": "Setting up",
        "invite_someone": "Invite someone…",
        "ben_invited": "Ben (invited)",
        "create_account": "Create an account",
        "accept": "Accept and join",
        "no_updates": "No updates yet: 0 of 4 actions updated.",
        "on_plan": "All actions of this strategy are on plan.",
    },
    "nl": {
        "template": "Begin met een sjabloon",
        "strategy": "Online nieuwe klanten winnen",
        "paste": "Plak een lijst met acties",
        "add": "Voeg deze acties toe",
        "added": "2 acties toegevoegd aan Online nieuwe klanten winnen.",
        "invite": "Uitnodiging versturen",
        "copy": "Uitnodigingslink kopiëren",
        "checklist": "Inrichten",
        "invite_someone": "Iemand uitnodigen…",
        "ben_invited": "Ben (uitgenodigd)",
        "create_account": "Account aanmaken",
        "accept": "Aannemen en meedoen",
        "no_updates": "Nog geen updates: 0 van 4 acties bijgewerkt.",
        "on_plan": "Alle acties van deze strategie liggen op schema.",
    },
}


class Counter:
    def __init__(self, page):
        self.page, self.clicks, self.fields = page, 0, 0

    def click(self, selector):
        self.clicks += 1
        self.page.click(selector)

    def fill(self, selector, value):
        self.fields += 1
        self.page.fill(selector, value)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_day_one_from_nothing_to_a_prepared_agenda(page, live_server, screenshot, language):
    t = TEXT[language]
    steps = Counter(page)
    page.goto(f"{live_server.url}/accounts/signup/")
    if language == "nl":
        steps.click("button[name=language][value=nl]")
        page.wait_for_selector('html[lang="nl"]')
    for name, value in [
        ("username", "anna"),
        ("email", "anna@example.com"),
        ("first_name", "Anna"),
        ("password1", "a-long-day-one-password"),
        ("password2", "a-long-day-one-password"),
    ]:
        steps.fill(f"input[name={name}]", value)
    steps.click("main button[type=submit]")
    page.wait_for_url("**/workspaces/new/")
    steps.fill("input[name=name]", "Bakkerij Anna")
    steps.click("main button[type=submit]")
    page.wait_for_url("**/w/*/")
    slug = page.url.rstrip("/").split("/")[-1]
    page.goto(f"{live_server.url}/w/{slug}/plans/new/")
    steps.clicks += 1  # the "new plan" link
    steps.fill("input[name=name]", "Plan 2027")
    steps.fill("input[name=period]", "2027")
    steps.fill("input[name=start_date]", "2027-01-01")
    steps.fill("input[name=end_date]", "2027-12-31")
    steps.click("main button[type=submit]")
    page.locator(".setup-checklist").wait_for()
    assert t["checklist"] in page.locator(".setup-checklist").inner_text()
    screenshot(f"{language}-empty-plan")

    # The template fills the plan in the user's language; the checklist ticks four steps.
    steps.click(f"button:has-text('{t['template']}')")
    page.locator(".item-title", has_text=t["strategy"]).wait_for()
    done = page.locator(".setup-step.is-done").evaluate_all("els => els.map(e => e.dataset.step)")
    assert done == ["objective", "goals", "strategies", "measures", "actions"]
    plan_url = page.url.split("#")[0]

    # Paste two more actions under the first strategy.
    row = page.locator(".sm-row", has_text=t["strategy"])
    steps.click(f".sm-row:has-text('{t['strategy']}') summary")
    steps.fill(f".sm-row:has-text('{t['strategy']}') textarea[name=lines]", "- Flyers\n- Open day")
    steps.click(f".sm-row:has-text('{t['strategy']}') button:has-text('{t['add']}')")
    page.locator(".message", has_text=t["added"]).wait_for()
    assert row.count() == 1
    screenshot(f"{language}-after-template")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(f"{language}-after-template-phone")
    page.set_viewport_size({"width": 1400, "height": 900})

    # Invite a colleague from the strategy's owner picker and make them its owner right away.
    strategy_row = page.locator(".sm-row", has_text=t["strategy"])
    strategy_row.locator(".item.strategy").hover()  # the item's tools show on hover
    steps.click(f".sm-row:has-text('{t['strategy']}') .item.strategy a[href$='/edit/']")
    steps.click(f"a.invite-someone:has-text('{t['invite_someone']}')")
    page.wait_for_url(re.compile(r".*/members/\?next="))
    steps.fill("input[name=email]", "ben@example.com")
    steps.fill("input[name=name]", "Ben")
    steps.click(f"button:has-text('{t['invite']}')")
    page.wait_for_url("**/strategies/*/edit/")  # back at the strategy, its form open
    invite = Invite.objects.get()
    invite_mail = mail.outbox[-1].body
    assert invite.token in invite_mail
    picker = page.locator(".sm-row form.item-form select[name=owner]")
    picker.select_option(label=t["ben_invited"])
    steps.fields += 1
    screenshot(f"{language}-owner-picker")
    steps.click(".sm-row form.item-form button[type=submit]")
    strategy_row.locator(".owner", has_text=t["ben_invited"]).wait_for()
    screenshot(f"{language}-invited-owner")

    # The link can be copied when mail does not arrive (a check, not part of the path).
    page.goto(f"{live_server.url}/w/{slug}/members/")
    page.locator(f"button:has-text('{t['copy']}')").wait_for()
    assert invite.token in page.locator(".invite-link-field").input_value()
    screenshot(f"{language}-members")

    # The rhythm (defaults are fine) and the next session.
    plan_id = plan_url.rstrip("/").split("/")[-1]
    page.goto(f"{live_server.url}/w/{slug}/plans/{plan_id}/sessions/rhythm/")
    steps.clicks += 1
    steps.click("main button[type=submit]")
    page.wait_for_url("**/sessions/")
    assert Cadence.objects.filter(plan_id=plan_id).exists()
    page.goto(f"{live_server.url}/w/{slug}/plans/{plan_id}/sessions/new/")
    steps.clicks += 1
    starts = (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%dT09:00")
    page.select_option("select[name=kind]", "update")
    steps.fields += 1
    steps.fill("input[name=starts_at]", starts)
    steps.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/sessions/\d+/$"))

    # The agenda: no action has an update yet, and it says so instead of "on plan".
    agenda = page.locator("main").inner_text()
    assert t["no_updates"] in agenda and t["on_plan"] not in agenda
    screenshot(f"{language}-agenda")
    page.goto(plan_url)
    assert page.locator(".setup-checklist").count() == 0  # every step done
    assert Action.objects.count() == 8 and Session.objects.count() == 1
    print(f"\nday one ({language}): {steps.clicks} clicks, {steps.fields} fields")

    # Ben accepts the invitation (his own path, not counted) and owns the strategy.
    page.context.clear_cookies()
    link = re.search(r"https?://\S+/invite/\S+/", invite_mail).group(0)
    page.goto(link.replace(re.match(r"https?://[^/]+", link).group(0), live_server.url))
    if language == "nl":
        page.click("button[name=language][value=nl]")
        page.wait_for_selector('html[lang="nl"]')
    page.click(f"a:has-text('{t['create_account']}')")
    for name, value in [
        ("username", "ben"),
        ("first_name", "Ben"),
        ("password1", "another-day-one-password"),
        ("password2", "another-day-one-password"),
    ]:
        page.fill(f"input[name={name}]", value)
    page.click("main button[type=submit]")
    page.click(f"button:has-text('{t['accept']}')")
    page.wait_for_url("**/w/*/")
    page.goto(plan_url)
    owner = page.locator(".sm-row", has_text=t["strategy"]).locator(".owner")
    assert owner.inner_text().strip().endswith("Ben") and t["ben_invited"] not in owner.inner_text()
    screenshot(f"{language}-ben-owns-it")
