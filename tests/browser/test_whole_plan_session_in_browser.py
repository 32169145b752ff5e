"""In a real browser, in Dutch and English, on the demo: Pieter (the process owner) runs the
yearly plan session from its agenda to a new OGSM version, in the agenda's order. The
preparation and the year in view, two SWOT decisions, the dashboard's strategies behind, the
bottom-up edits (a strategy narrowed, one retired, a measure added, a target changed, two new
actions), the comparison and the activation; then version 3 is active, version 2 readable and
the minutes list every decision taken."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.accounts.models import User
from koers.actions.models import Action
from koers.analysis.models import SwotItem
from koers.demo.services import load_demo
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Kind, Session
from koers.plans.models import Measure, PlanVersion, Strategy

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
NARROWED = "Online bestellen, afhalen in de twee winkels"
OPPORTUNITY = "Vraag naar lokaal en biologisch"
RISK = "Stijgende graan- en energieprijzen"
ANSWER = "Biologisch proefbrood in de winkels"
WHY_NOT = "Vaste prijsafspraak met de molen tot 2028"
NEW_MEASURE = "Afhaalbestellingen per week"
ACTIONS = ("Afhaalkluis bij de winkel plaatsen", "Bestelpagina in het Engels")


def _in(language, text) -> str:
    with translation.override(language):
        return str(_(text))


def _recorded(page, text):
    page.locator(".decisions li", has_text=text).first.wait_for()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_process_owner_runs_the_whole_plan_session_on_the_demo(
    page, live_server, log_in, screenshot, language
):
    load_demo()
    pieter = User.objects.get(username="pieter")
    pieter.language = language
    pieter.save()
    t = lambda text: _in(language, text)  # noqa: E731
    session = Session.objects.get(kind=Kind.PLAN, plan__workspace__slug="bakkerij-de-korenaar")
    plan = session.plan
    assert plan.current_version == 2  # the demo evolved once already
    online = plan.strategies.get(title="Online bestellen en afhalen")
    retired = plan.strategies.get(title="Slimmer bakken op voorspelde vraag")
    weekly = online.measures.get(name="Online bestellingen per week")
    swot = SwotItem.objects.filter(workspace=plan.workspace)
    opportunity = swot.get(description__startswith=OPPORTUNITY)
    risk = swot.get(description__startswith=RISK)
    items = flat_items(build_agenda(load_agenda_data(session)))
    keys = [i.key for i in items]
    furthest = items[keys.index("dashboard-goals") + 1].behind  # the first strategy evaluated
    log_in(pieter)
    plan_url = f"{live_server.url}/w/bakkerij-de-korenaar/plans/{plan.pk}"
    run = f"{plan_url}/sessions/{session.pk}/run/"

    # The agenda: the preparation and the year in view before the session starts.
    page.goto(f"{plan_url}/sessions/{session.pk}/")
    page.locator("#plan-preparation").wait_for()
    page.locator("#year-in-view", has_text=RISK).wait_for()
    screenshot(f"agenda-{language}")

    # Session mode: started, the year walked item by item with "Next item".
    page.goto(run)
    start = page.locator(f"button:has-text('{t('Start the session')}')")
    start.click()
    # The first item is on the page before the start too: wait until the start has been posted.
    start.wait_for(state="detached")
    page.locator(".run-title", has_text=t("Signals of the past twelve months")).wait_for()
    session.refresh_from_db()
    assert session.state == Session.State.RUNNING
    for title in (
        "Strengths, vulnerabilities, opportunities and risks: what changed",
        "Trend scores over the year",
        "The scenarios' likelihood, now and a year ago",
        "The business model against a year ago",
        "Review of the updated lists",
    ):
        page.click(f".run-nav a:has-text('{t('Next item')}')")
        page.locator(".run-title", has_text=t(title)).wait_for()

    # The SWOT: respond to the opportunity with a new action, ignore the risk for a reason.
    form = page.locator(f"#swot-step-{opportunity.pk} form")
    form.locator("input[value=respond]").check()
    form.locator("select[name=response]").select_option("new-action")
    form.locator("input[name=title]").fill(ANSWER)
    form.locator("select[name=strategy]").select_option(str(online.pk))
    screenshot(f"swot-{language}")
    form.locator("button").click()
    _recorded(page, OPPORTUNITY)
    form = page.locator(f"#swot-step-{risk.pk} form")
    form.locator("input[value=ignore]").check()
    form.locator("input[name=reason]").fill(WHY_NOT)
    form.locator("button").click()
    _recorded(page, RISK)

    # The dashboard: the goals, then the strategies, the furthest behind first.
    page.click(f".run-nav a:has-text('{t('Next item')}')")
    page.locator(".run-title", has_text=t("The goals")).wait_for()
    page.click(f".run-nav a:has-text('{t('Next item')}')")
    item = page.locator(".run-item")
    with translation.override(language):
        content = ngettext(
            "Behind in content: %(n)s KPI off track",
            "Behind in content: %(n)s KPIs off track",
            furthest.off_track,
        ) % {"n": furthest.off_track}
        planning = ngettext(
            "Behind in planning: %(n)s action red or overdue",
            "Behind in planning: %(n)s actions red or overdue",
            furthest.late,
        ) % {"n": furthest.late}
    assert furthest.off_track and furthest.late  # the demo's first strategy is behind in both
    item.locator(".behind-content", has_text=content).wait_for()
    item.locator(".behind-planning", has_text=planning).wait_for()
    screenshot(f"dashboard-{language}")

    # Bottom-up: one strategy narrowed, one retired, in the draft of version 3.
    page.goto(f"{run}?item={keys.index(f'draft-strategy-{online.pk}')}")
    page.click(f"button:has-text('{t('Start the draft of the next version')}')")
    form = page.locator(f"#draft-s{online.pk} form").first
    form.wait_for()
    form.locator("input[name=title]").fill(NARROWED)
    form.locator("textarea[name=description]").fill("Alleen afhalen, geen bezorging.")
    form.locator("button").click()
    _recorded(page, NARROWED)
    screenshot(f"narrowed-{language}")
    page.goto(f"{run}?item={keys.index(f'draft-strategy-{retired.pk}')}")
    page.click(f"#draft-s{retired.pk} button:has-text('{t('Retire in the draft')}')")
    gone = t("This strategy is retired in the draft of the next version.")
    page.locator(".run-item .empty-hint", has_text=gone).wait_for()

    # Two new actions, at once in the action plan.
    page.goto(f"{run}?item={keys.index('new-actions')}")
    for title in ACTIONS:
        form = page.locator(".run-item form", has=page.locator("input[name=title]")).first
        form.locator("select[name=strategy]").select_option(str(online.pk))
        form.locator("input[name=title]").fill(title)
        form.locator("button").click()
        _recorded(page, title)

    # The dashboard of the draft: a measure added, a target changed.
    page.goto(f"{run}?item={keys.index('step-dashboard')}")
    add = page.locator(f"#draft-new-s{online.pk} form")
    add.locator("input[name=name]").fill(NEW_MEASURE)
    add.locator("input[name=target]").fill("80")
    add.locator("button").click()
    _recorded(page, NEW_MEASURE)
    target = page.locator(f"#draft-m{weekly.pk} form").first
    target.locator("input[name=target]").fill("150")
    target.locator("button").click()
    _recorded(page, "150")
    page.set_viewport_size(PHONE)
    screenshot(f"draft-dashboard-phone-{language}")
    page.set_viewport_size(DESKTOP)

    # Update the OGSM: the comparison shows every change; activate version 3.
    page.goto(f"{run}?item={keys.index('update-ogsm')}")
    changes = page.locator(".change-list").inner_text()
    for text in (NARROWED, retired.title, NEW_MEASURE, "150"):
        assert text in changes, text
    screenshot(f"update-ogsm-{language}")
    page.click(f"button:has-text('{t('Activate version %(n)s') % {'n': 3}}')")
    activated = t("Version %(number)s is now active.") % {"number": 3}
    page.locator(".messages", has_text=activated).wait_for()

    # The plan: version 3 active, with the changes.
    plan.refresh_from_db()
    assert plan.current_version == 3
    assert PlanVersion.objects.get(plan=plan, number=3).status == "active"
    page.goto(f"{plan_url}/")
    page.locator(".version-line", has_text=f"{t('Version')} 3").wait_for()
    ogsm = page.locator("main").inner_text()
    assert NARROWED in ogsm and NEW_MEASURE in ogsm and retired.title not in ogsm
    screenshot(f"plan-v3-{language}")
    online.refresh_from_db()
    assert online.title == NARROWED
    assert Strategy.all_objects.get(pk=retired.pk).retired_at is not None
    assert str(Measure.objects.get(pk=weekly.pk).target) == "150.00"
    assert online.measures.filter(name=NEW_MEASURE).exists()
    assert Action.objects.filter(strategy=online, title__in=[ANSWER, *ACTIONS]).count() == 3

    # Version 2 stays readable, as it was.
    page.goto(f"{plan_url}/versions/2/")
    page.locator(".notice", has_text=t("An earlier version, read-only.")).wait_for()
    old = page.locator("main").inner_text()
    assert "Online bestellen en afhalen" in old and retired.title in old
    screenshot(f"version-2-{language}")

    # The minutes: every decision taken, one line each, in the order taken.
    page.goto(f"{plan_url}/sessions/{session.pk}/minutes/")
    rows = page.locator("main table tbody tr").all_inner_texts()
    expected = [
        (ANSWER,),  # the new action answering the opportunity, in the action plan at once
        (OPPORTUNITY, ANSWER),
        (RISK, WHY_NOT),
        ("Online bestellen en afhalen", NARROWED),  # renamed
        ("Alleen afhalen, geen bezorging.",),  # the description narrowed too
        (retired.title,),
        ("Onverkocht brood",),  # the retired strategy's measures go with it
        ("Productie-uren per week",),
        (ACTIONS[0],),
        (ACTIONS[1],),
        (NEW_MEASURE,),
        (weekly.name, "300", "150"),
        (t("Plan session of %(date)s").split("%")[0].strip(), "3"),  # activated, its reason
    ]
    assert len(rows) == len(expected), rows
    for row, words in zip(rows, expected, strict=True):
        assert all(word in row for word in words), (row, words)
        assert ".." not in row and "Pieter Jansen" in row
    screenshot(f"minutes-{language}")
    page.set_viewport_size(PHONE)
    screenshot(f"minutes-phone-{language}")
