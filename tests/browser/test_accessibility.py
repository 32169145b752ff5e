"""Accessibility smoke: every main page has a title and landmarks and passes axe-core
(vendored from npm, run inside the page) without serious or critical violations,
at phone and desktop widths. Screenshots of each are saved for a human look."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser.conftest import PASSWORD

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WIDTHS = {"phone": 390, "desktop": 1400}


def main_pages(plan):
    from koers.actions.tests.factories import make_action
    from koers.meetings.models import Kind
    from koers.meetings.tests.factories import make_session

    slug = plan.workspace.slug
    action = make_action(plan.strategies.first(), plan.strategies.first().owner, "Open a shop")
    session = make_session(plan, kind=Kind.STEERING)
    from koers.dashboard.tests.factories import kpis_of, measure

    kpi = kpis_of(plan)[0]
    measure(kpi, date(2026, 6, 1), 40, note="Opened a shop")
    s = [slug, plan.pk, session.pk]
    return {
        **analysis_pages(plan.workspace, plan.strategies.first().owner),
        "actions": reverse("actions:list", args=[slug, plan.pk]),
        "board": reverse("actions:board", args=[slug, plan.pk]),
        "action": reverse("actions:detail", args=[slug, plan.pk, action.pk]),
        "my-actions": reverse("meetings:my_work", args=[slug]),
        "sessions": reverse("meetings:list", args=[slug, plan.pk]),
        "session": reverse("meetings:detail", args=s),
        "session-mode": reverse("meetings:run", args=s),
        "round": reverse("meetings:round", args=s),
        "pre-read": reverse("meetings:preread", args=s),
        "minutes": reverse("meetings:minutes", args=s),
        "follow-up": reverse("meetings:followup", args=s),
        "dashboard": reverse("dashboard:dashboard", args=[slug, plan.pk]),
        "figures": reverse("dashboard:grid", args=[slug, plan.pk]),
        "import": reverse("dashboard:import", args=[slug, plan.pk]),
        "kpi": reverse("dashboard:kpi", args=[slug, plan.pk, kpi.pk]),
        "overview": reverse("dashboard:overview", args=[slug]),
        "portfolio": reverse("dashboard:portfolio", args=[slug]),
        "plan-serves-form": reverse("plans:serve", args=[slug, plan.pk]),
        "home": reverse("core:home"),
        "workspace": reverse("plans:workspace", args=[slug]),
        "plan": reverse("plans:detail", args=[slug, plan.pk]),
        "plan-editing-goal": reverse(
            "plans:goal_edit", args=[slug, plan.pk, plan.goals.first().pk]
        ),
        **version_pages(plan),
        "members": reverse("accounts:members", args=[slug]),
        "profile": reverse("accounts:profile"),
        "new-plan": reverse("plans:new", args=[slug]),
        "workspace-import": reverse("reports:workspace_import"),
        "action-import": reverse("reports:action_import", args=[slug, plan.pk]),
        "kpi-feed": reverse("reports:kpi_feed", args=[slug, plan.pk, kpi.pk]),
    }


def version_pages(plan):
    from koers.plans import versions

    draft = versions.start_draft(plan, plan.strategies.first().owner)
    content = versions.draft_content(draft)
    content["strategies"][0]["title"] = "Open a second shop"
    versions.save_draft(draft, content, draft.version)
    args = [plan.workspace.slug, plan.pk]
    return {
        "versions": reverse("plans:versions", args=args),
        "version-1": reverse("plans:version", args=[*args, 1]),
        "draft": reverse("plans:draft", args=args),
        "version-compare": reverse("plans:version_compare", args=args) + "?a=1&b=draft",
        "history": reverse("history:log", args=[plan.workspace.slug]),
    }


def analysis_pages(workspace, by):
    from koers.analysis import brainstorm, canvas, swot
    from koers.analysis.models import Brainstorm, Signal
    from koers.analysis.tests.factories import scenario_set

    item = canvas.add_item(workspace, block="channels", text="Our shop", mark="strength")
    canvas.save_version(workspace, "Spring", by)
    futures = scenario_set(workspace, by)
    Signal.objects.create(
        workspace=workspace, observed_on=date(2026, 6, 1), kind="news", title="Mill closes"
    )
    session = Brainstorm.objects.create(workspace=workspace, question="How do we grow?")
    brainstorm.add_idea(session, by, "Sunday opening")
    entry = swot.active_items(workspace).get(canvas_item=item)
    swot.add_item(workspace, by, kind="risk", description="Grain prices")
    slug = workspace.slug
    return {
        "analysis": reverse("analysis:overview", args=[slug]),
        "business-model": reverse("analysis:canvas", args=[slug]),
        "compare": reverse("analysis:canvas_compare", args=[slug]),
        "swot": reverse("analysis:swot", args=[slug]),
        "swot-decide": reverse("analysis:swot_decide", args=[slug, entry.pk]),
        "swot-matrix": reverse("analysis:swot_matrix", args=[slug]),
        "trends": reverse("analysis:trends", args=[slug]),
        "scenarios": reverse("analysis:scenario_set", args=[slug, futures.pk]),
        "signals": reverse("analysis:signals", args=[slug]),
        "brainstorm": reverse("analysis:brainstorm", args=[slug, session.pk]),
    }


def audit(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_main_pages_are_accessible_and_fit_phone_and_desktop(
    browser, live_server, plan, owner, language
):
    owner.set_password(PASSWORD)
    owner.language = language
    owner.save()
    folder = Path(settings.TEST_OUTPUT_DIR) / "screenshots" / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    problems = []
    pages = main_pages(plan)
    for width_name, width in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        page.goto(f"{live_server.url}{reverse('accounts:login')}")
        problems += [f"login/{width_name}: {p}" for p in audit(page)]
        page.fill("input[name=username]", owner.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{live_server.url}/**")
        for name, url in pages.items():
            page.goto(f"{live_server.url}{url}")
            assert page.title().strip(), f"{name} has no title"
            assert page.locator("main").count() == 1 and page.locator("header").count() >= 1
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 2:
                problems.append(f"{name}/{width_name}: page is {overflow}px wider than the screen")
            problems += [f"{name}/{width_name}: {p}" for p in audit(page)]
            page.screenshot(
                path=str(folder / f"{name}-{language}-{width_name}.png"), full_page=True
            )
        context.close()
    assert not problems, "\n".join(problems)
