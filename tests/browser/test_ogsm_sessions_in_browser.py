"""In a real browser, in Dutch and English: a steering session says the OGSM must change, then
the plan session narrows a strategy, retires none, adds a measure, changes a goal's target in
the draft, compares the draft and activates it; the minutes list every decision."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.dashboard.models import Kpi, Measurement
from koers.demo.services import load_demo
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Kind, Session
from koers.meetings.tests.factories import make_session
from koers.meetings.year import last_complete_period, window


def _in(language, text) -> str:
    with translation.override(language):
        return str(_(text))


def go_to(page, title):
    page.click(f'.agenda-nav a:has-text("{title}")')
    page.locator(".run-title", has_text=title).wait_for()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_ogsm_changes_through_the_sessions(
    page, live_server, log_in, screenshot, plan, process_owner, language
):
    process_owner.language = language
    process_owner.save()
    t = lambda text: _in(language, text)  # noqa: E731
    steering = make_session(plan, kind=Kind.STEERING, days_ahead=-30)
    planning = make_session(plan, kind=Kind.PLAN)
    strategy, goal = plan.strategies.get(), plan.goals.get()
    log_in(process_owner)
    base = f"{live_server.url}/w/acme/plans/{plan.pk}/sessions"

    page.goto(f"{base}/{steering.pk}/run/")
    go_to(page, t("Must the OGSM change?"))
    page.fill("#ogsm_proposals", "Narrow the webshop to the region")
    screenshot(f"ogsm-change-{language}")
    page.click(f"button:has-text('{t('Yes, the OGSM must change')}')")
    page.locator(".decisions li", has_text="Narrow the webshop to the region").wait_for()

    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(planning)))]
    # The strategy's title is on the agenda twice (dashboard, then bottom-up): go by its item.
    page.goto(f"{base}/{planning.pk}/run/?item={keys.index(f'draft-strategy-{strategy.pk}')}")
    assert page.locator(".run-item", has_text=t("Start the draft of the next version")).count() == 0
    form = page.locator(f"#draft-s{strategy.pk} form").first
    form.locator("input[name=title]").fill("Go online, in the region")
    form.locator("button").click()
    page.locator(".decisions li", has_text="Go online, in the region").wait_for()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(f"draft-strategy-phone-{language}")
    page.set_viewport_size({"width": 1400, "height": 900})

    go_to(page, t("What does that mean for the dashboard?"))
    add = page.locator(f"#draft-new-s{strategy.pk} form")
    add.locator("input[name=name]").fill("Regional deliveries")
    add.locator("input[name=target]").fill("120")
    add.locator("button").click()
    page.locator(".decisions li", has_text="Regional deliveries").wait_for()
    screenshot(f"draft-dashboard-{language}")

    go_to(page, t("The goals' targets"))
    goal_form = page.locator(f"#draft-g{goal.pk} form").first
    goal_form.locator("input[name=target_value]").fill("1200000")
    goal_form.locator("button").click()
    page.locator(".decisions li", has_text="1200000").wait_for()

    go_to(page, t("The draft against the active version; activate it"))
    assert "Regional deliveries" in page.locator(".change-list").inner_text()
    screenshot(f"update-ogsm-{language}")
    page.click(f"button:has-text('{t('Activate version %(n)s') % {'n': 2}}')")
    activated = t("Version %(number)s is now active.") % {"number": 2}
    page.locator(".messages", has_text=activated).wait_for()

    plan.refresh_from_db()
    strategy.refresh_from_db()
    assert plan.current_version == 2 and strategy.title == "Go online, in the region"
    assert strategy.measures.filter(name="Regional deliveries").exists()
    page.goto(f"{base}/{planning.pk}/minutes/")
    minutes = page.locator("main").inner_text()
    for text in ("Go online, in the region", "Regional deliveries", "1200000"):
        assert text in minutes
    screenshot(f"minutes-{language}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_plan_session_evaluates_decides_and_updates_the_ogsm(
    page, live_server, log_in, screenshot, plan, process_owner, member, language
):
    """The dashboard evaluated (goals and the strategy behind), a SWOT risk answered with a new
    strategy in the draft, a goal added, a milestone changed; compared, activated, minuted."""
    from datetime import timedelta

    from django.utils import timezone

    from koers.actions.tests.factories import make_action
    from koers.analysis import swot
    from koers.dashboard.tests.factories import kpis_of, measure

    process_owner.language = language
    process_owner.save()
    t = lambda text: _in(language, text)  # noqa: E731
    strategy = plan.strategies.get()
    kpis = {k.name: k for k in kpis_of(plan, baseline=0, target=100)}
    today = timezone.localdate()
    measure(kpis["Online orders"], today.replace(day=1), 2)
    measure(kpis["Revenue 1M"], today.replace(day=1), 30)
    make_action(
        strategy,
        owner=member,
        title="Launch the webshop",
        start_date=today - timedelta(days=60),
        due_date=today - timedelta(days=2),
    )
    risk = swot.add_item(plan.workspace, member, kind="risk", description="Grain prices rise")
    planning = make_session(plan, kind=Kind.PLAN)
    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(planning)))]
    log_in(process_owner)
    run = f"{live_server.url}/w/acme/plans/{plan.pk}/sessions/{planning.pk}/run/"

    # The dashboard: the goals, then the strategy, behind in content and in planning.
    page.goto(f"{run}?item={keys.index('dashboard-goals')}")
    assert "Revenue 1M" in page.locator(".session-kpis").inner_text()
    page.goto(f"{run}?item={keys.index(f'dashboard-{strategy.pk}')}")
    item = page.locator(".run-item")
    assert item.locator(".behind-content").count() == 1
    assert item.locator(".behind-planning").count() == 1
    assert item.locator(".session-kpis svg").count() == 1
    assert item.locator(f"a:has-text('{t('Open the dashboard')}')").count() == 1
    screenshot(f"plan-dashboard-{language}")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(f"plan-dashboard-phone-{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the table scrolls
    page.set_viewport_size({"width": 1400, "height": 900})

    # The SWOT: respond to the risk with a new strategy in the draft.
    page.goto(f"{run}?item={keys.index('analysis')}")
    form = page.locator(f"#swot-step-{risk.pk} form")
    form.locator("input[value=respond]").check()
    form.locator("button").click()  # respond, but with what? Refused in place, nothing written
    page.locator(".messages", has_text=t("Choose what we respond with.")).wait_for()
    assert not planning.decisions.exists()
    form = page.locator(f"#swot-step-{risk.pk} form")
    form.locator("select[name=response]").select_option("new-strategy")
    form.locator("input[name=title]").fill("Local grain")
    screenshot(f"plan-swot-{language}")
    form.locator("button").click()
    page.locator(".decisions li", has_text="Grain prices rise").wait_for()

    # The goals: a new goal in the draft, and a milestone for the revenue goal at once.
    page.goto(f"{run}?item={keys.index('draft-goals')}")
    add = page.locator("#draft-new-goal form")
    add.locator("input[name=title]").fill("Customers 500")
    add.locator("input[name=target_value]").fill("500")
    add.locator("button").click()
    page.locator(".decisions li", has_text="Customers 500").wait_for()
    milestone = page.locator(f"#milestones-{kpis['Revenue 1M'].pk} form")
    milestone.locator("input[name=period]").fill("2027-06")
    milestone.locator("input[name=value]").fill("600000")
    milestone.locator("button").click()
    page.locator(".decisions li", has_text="600000").wait_for()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(f"plan-goals-phone-{language}")
    page.set_viewport_size({"width": 1400, "height": 900})

    # Update the OGSM: the comparison, what is in effect already; activate.
    page.goto(f"{run}?item={keys.index('update-ogsm')}")
    changes = page.locator(".change-list").inner_text()
    assert "Local grain" in changes and "Customers 500" in changes
    assert "Revenue 1M" in page.locator(".in-effect").inner_text()
    screenshot(f"plan-update-ogsm-{language}")
    page.click(f"button:has-text('{t('Activate version %(n)s') % {'n': 2}}')")
    activated = t("Version %(number)s is now active.") % {"number": 2}
    page.locator(".messages", has_text=activated).wait_for()

    plan.refresh_from_db()
    assert plan.current_version == 2
    assert plan.strategies.filter(title="Local grain").exists()
    assert plan.goals.filter(title="Customers 500").exists()
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/sessions/{planning.pk}/minutes/")
    minutes = page.locator("main").inner_text()
    for text in ("Grain prices rise", "Local grain", "Customers 500", "600000"):
        assert text in minutes
    screenshot(f"plan-minutes-{language}")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(f"plan-minutes-phone-{language}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_demo_plan_session_shows_its_preparation_and_its_year(
    page, live_server, log_in, screenshot, language
):
    """The demo's plan session: the preparation panel ticks what the demo did this year and
    names the figures still missing; the year in view shows the signals, the SWOT's changes,
    the rescored trend, the likelihoods against a year ago and the business model's shifts."""

    load_demo()
    pieter = User.objects.get(username="pieter")
    pieter.language = language
    pieter.save()
    t = lambda text: _in(language, text)  # noqa: E731

    session = Session.objects.get(kind=Kind.PLAN, plan__workspace__slug="bakkerij-de-korenaar")
    # One owner has not entered last period's figure yet: the panel names it and asks for it.
    kpi = Kpi.objects.filter(plan=session.plan, owner__isnull=False).select_related("owner")[0]
    period = last_complete_period(window(session).end, kpi.frequency)
    Measurement.objects.filter(kpi=kpi, period=period).delete()
    log_in(pieter)
    base = f"{live_server.url}/w/bakkerij-de-korenaar/plans/{session.plan_id}/sessions/{session.pk}"
    page.goto(f"{base}/")
    panel = page.locator("#plan-preparation")
    panel.wait_for()
    assert panel.locator(".prep-check.done").count() == 5
    assert panel.locator(".prep-check.todo").count() == 1
    assert t("Scenario likelihoods judged this year") in panel.inner_text()
    assert kpi.owner.display_name in panel.locator(".prep-owners").inner_text()
    year = page.locator("#year-in-view")
    year.wait_for()
    text = year.inner_text()
    for words in (
        "Tarwe op de termijnmarkt",  # a signal of the year
        "Supermarkt met eigen bakafdeling",  # a risk archived this year
        "Stijgende graan- en energieprijzen",  # rescored twice
        "Plansessie 2025",  # the business model's version of a year ago
        "Zakelijke abonnementen",  # added to the business model since
    ):
        assert words in text, words
    assert t("a year ago") in text
    screenshot(f"plan-preparation-{language}")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(f"plan-preparation-phone-{language}")
    page.set_viewport_size({"width": 1400, "height": 900})

    panel.locator("button", has_text=t("Ask to enter them")).first.click()
    page.locator(".messages", has_text=kpi.owner.display_name).wait_for()
    asked = t("asked %(date)s") % {"date": ""}
    page.locator("#plan-preparation .prep-owners", has_text=asked.strip()).wait_for()

    page.goto(f"{base}/pre-read/")
    page.locator("#year-in-view").wait_for()
    page.locator("#plan-preparation").wait_for()
    screenshot(f"plan-preread-{language}")

    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(session)))]
    page.goto(f"{base}/run/?item={keys.index('year-trends')}")
    assert "Stijgende graan- en energieprijzen" in page.locator(".run-item").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(f"plan-year-trends-phone-{language}")
