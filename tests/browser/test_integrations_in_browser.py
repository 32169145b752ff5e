"""The integrations in a browser: API docs, making a token and using it, the webhook page."""

import pytest
import requests


def test_the_interactive_api_docs_render_under_the_csp(page, live_server, screenshot):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/api/docs")
    page.get_by_text("/api/w/{slug}/plans/{plan_id}/actions", exact=True).first.wait_for()
    screenshot("docs")
    assert not [b for b in blocked if "script" in b]


@pytest.mark.parametrize(
    ("language", "width"), [("en", 1400), ("nl", 390)], ids=["en-desktop", "nl-phone"]
)
def test_a_member_makes_a_token_and_a_script_uses_it(
    page, live_server, log_in, member, plan, screenshot, language, width
):
    member.language = language
    member.save()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(member)
    page.goto(f"{live_server.url}/accounts/profile/")
    page.click("a[href='/accounts/tokens/']")
    page.fill("input[name=name]", "BI export")
    page.click("main button.primary")
    secret = page.locator("code.token-secret").inner_text()
    screenshot("made")
    answer = requests.get(
        f"{live_server.url}/api/w/acme/plans",
        headers={"Authorization": f"Bearer {secret}"},
        timeout=10,
    )
    assert answer.json()["items"][0]["name"] == "Acme 2027"
    page.reload()
    assert secret not in page.content()


def test_the_owner_sees_the_webhook_page(page, live_server, log_in, owner, screenshot):
    log_in(owner)
    page.goto(f"{live_server.url}/w/acme/members/")
    page.click("a[href='/w/acme/webhooks/']")
    page.fill("input[name=url]", "https://hooks.slack.com/services/T000/B000/XXXX")
    page.select_option("select[name=format]", "slack")
    page.check("input[name=events][value=update_posted]")
    page.click("main button.primary")
    page.get_by_text("hooks.slack.com").first.wait_for()
    screenshot("webhooks")
