"""In a real browser: the OGSM owner drafts version 2, changes a strategy and a target, compares,
activates with a reason, opens version 1 and its PDF; in Dutch and English, desktop and phone."""

import pytest

from koers.plans.models import Measure, PlanVersion


@pytest.mark.django_db(transaction=True)
def test_owner_drafts_compares_and_activates_a_version(
    page, live_server, log_in, screenshot, plan, owner
):
    owner.language = "nl"
    owner.save()
    log_in(owner)
    strategy = plan.strategies.get()
    measure = strategy.measures.get()
    base = f"{live_server.url}/w/acme/plans/{plan.pk}"

    page.goto(f"{base}/versions/")
    page.click("text=Nieuwe versie beginnen")
    page.locator("h1", has_text="Concept van versie 2").wait_for()

    page.hover(f"#s{strategy.pk} > .item.strategy")  # the tools show on hover
    page.click(f"#s{strategy.pk} > .item.strategy .item-tools a.icon-button")
    form = page.locator(f"#s{strategy.pk} form.item-form")
    form.locator("input[name=title]").fill("Online bestellen, alleen afhalen")
    form.locator("button[type=submit]").click()
    page.locator(f"#s{strategy.pk} .change-badge", has_text="hernoemd").wait_for()

    page.hover(f"#m{measure.pk}")
    page.click(f"#m{measure.pk} .item-tools a.icon-button")
    form = page.locator(f"#m{measure.pk} form.item-form")
    form.locator("input[name=target]").fill("250")
    form.locator("button[type=submit]").click()
    page.locator(f"#m{measure.pk} .change-badge", has_text="nieuwe doelwaarde").wait_for()
    assert plan.strategies.get().title == "Go online"  # the active plan is untouched
    screenshot("draft-nl")

    page.click("text=Vergelijken met de actieve versie")
    page.locator(".change-list .change").first.wait_for()
    assert page.locator(".change-list").inner_text().count("\n") >= 1
    screenshot("compare-draft-nl")

    page.goto(f"{base}/draft/activate/")
    page.click("form[action$='/draft/activate/'] button[type=submit]")  # no reason yet
    page.locator("p.error", has_text="Geef aan waarom").wait_for()
    page.fill("input[name=reason]", "Stuursessie K1: S1 alleen afhalen")
    page.click("form[action$='/draft/activate/'] button[type=submit]")
    page.locator(".version-line", has_text="Versie 2").wait_for()
    assert PlanVersion.objects.get(plan=plan, number=2).status == "active"
    assert str(Measure.objects.get(pk=measure.pk).target) == "250.00"
    screenshot("plan-v2-nl")

    page.click("text=Wijzigingen sinds versie 1")
    page.locator("text=Stuursessie K1: S1 alleen afhalen").first.wait_for()
    screenshot("compare-nl")

    page.goto(f"{base}/versions/1/")
    page.locator(".notice", has_text="Een eerdere versie, alleen lezen.").wait_for()
    assert page.locator("h3", has_text="Go online").count() == 1
    screenshot("version-1-nl")
    pdf = page.request.get(f"{base}/versions/1/ogsm.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    page.click("button[name=language][value=en]")
    page.locator(".notice", has_text="An earlier version, read-only.").wait_for()
    screenshot("version-1-en")
    page.goto(f"{base}/versions/compare/?a=1&b=2")
    page.locator("h1", has_text="Changes since version 1").wait_for()
    page.locator(".change-type", has_text="new target").wait_for()
    screenshot("compare-en")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/versions/")
    page.locator("h1", has_text="Versions").wait_for()
    screenshot("versions-phone-en")
    page.goto(f"{live_server.url}/w/acme/history/")
    page.locator("td", has_text="Online bestellen, alleen afhalen").first.wait_for()
    screenshot("history-phone-en")
