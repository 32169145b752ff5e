"""In a real browser, in English and Dutch, on the demo: Anna links a new department plan under
one of the bakery's strategies, sees it on the bakery's plan and in the portfolio, and after the
bakery activates a version that sharpens that strategy, the department's plan says so until she
marks it seen. Desktop and phone."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.demo.services import load_demo, organisation_plan
from koers.plans import versions
from koers.plans.models import Plan, PlanLink, Strategy

PHONE = {"width": 390, "height": 844}
TEAM = "Vakmanschap en een sterk team"
SHARPER = "Vakmanschap: elke bakker leidt een leerling op"


def _in(language, text) -> str:
    with translation.override(language):
        return str(_(text))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_department_plan_serves_a_strategy_and_hears_of_its_change(
    page, live_server, log_in, screenshot, language
):
    workspace = load_demo()
    bakery = organisation_plan(workspace)
    team = bakery.strategies.get(title=TEAM)
    shops = Plan.objects.create(
        workspace=workspace, name="Winkels 2027", period="2027",
        start_date=date(2027, 1, 1), end_date=date(2027, 12, 31),
        objective="Twee winkels waar het team graag werkt.",
    )  # fmt: skip
    Strategy.objects.create(plan=shops, title="Iedere verkoper een vaste mentor")
    anna = User.objects.get(username="anna")
    anna.language = language
    anna.save()
    t = lambda text: _in(language, text)  # noqa: E731
    log_in(anna)
    base = f"{live_server.url}/w/{workspace.slug}"

    # The department's plan: serve the bakery's team strategy.
    page.goto(f"{base}/plans/{shops.pk}/")
    page.click(f"#serves a:has-text('{t('Serve a strategy or goal of another plan')}')")
    page.locator("#id_item").wait_for()
    page.select_option("#id_item", value=f"s{team.pk}")
    screenshot(f"choose-{language}")
    page.click(f"#serves button:has-text('{t('Serve this item')}')")
    page.locator("#serves .served-item", has_text=TEAM).wait_for()
    assert PlanLink.objects.filter(child=shops, parent_strategy=team).exists()
    page.reload()
    page.locator("#objective .serves-line", has_text=TEAM).wait_for()
    screenshot(f"child-{language}")

    # The bakery's plan lists the plans serving that strategy.
    page.goto(f"{base}/plans/{bakery.pk}/")
    page.locator(f"#strategy-{team.pk} .served-by", has_text="Winkels 2027").wait_for()
    screenshot(f"parent-{language}")

    # The portfolio: the department under the bakery, with the two demo departments.
    page.goto(f"{base}/portfolio/")
    tree = page.locator(".portfolio-tree")
    for name in ("Bakkerij De Korenaar 2027", "Webwinkel 2027", "Productie 2027", "Winkels 2027"):
        tree.locator(".portfolio-plan", has_text=name).first.wait_for()
    assert tree.locator(".depth-1", has_text="Winkels 2027").count() == 1
    screenshot(f"portfolio-{language}")
    page.set_viewport_size(PHONE)
    screenshot(f"portfolio-phone-{language}")
    page.set_viewport_size({"width": 1400, "height": 900})

    # The bakery activates version 3, which sharpens the strategy: the department hears of it.
    draft = versions.start_draft(bakery, anna)
    content = versions.draft_content(draft)
    next(s for s in content["strategies"] if s["id"] == team.pk)["title"] = SHARPER
    versions.save_draft(draft, content, draft.version)
    versions.activate(draft, anna, "Scherper op opleiden")
    page.goto(f"{base}/plans/{shops.pk}/")
    notice = page.locator("#serves .change-notice")
    notice.wait_for()
    expected = t("The strategy you serve changed in version %(n)s.") % {"n": 3}
    assert expected in notice.inner_text()
    assert SHARPER in notice.inner_text()
    screenshot(f"notice-{language}")
    page.set_viewport_size(PHONE)
    screenshot(f"notice-phone-{language}")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.click(f"#serves button:has-text('{t('Mark as seen')}')")
    page.locator("#serves .change-notice").wait_for(state="detached")
    assert PlanLink.objects.get(child=shops).seen_version == 3
