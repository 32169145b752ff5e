"""The steering and plan sessions put the analysis tools on their agendas."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from koers.analysis import scenarios, swot
from koers.analysis.models import Signal
from koers.analysis.tests.factories import scenario_set
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


def agenda(client, plan, session):
    url = reverse("meetings:detail", args=["acme", plan.pk, session.pk])
    return client.get(url).content.decode()


def test_steering_shows_new_signals_and_how_scenarios_moved(login, owner, plan, workspace):
    today = timezone.localdate()
    Signal.objects.create(
        workspace=workspace,
        observed_on=today - timedelta(days=10),
        kind="news",
        title="Mill closes",
    )
    Signal.objects.create(
        workspace=workspace, observed_on=today - timedelta(days=200), kind="news", title="Old news"
    )
    futures = scenario_set(workspace, owner)
    ids = [s.pk for s in futures.scenarios.all()]
    scenarios.record_likelihoods(futures, today - timedelta(days=90), dict.fromkeys(ids, 25), owner)
    scenarios.record_likelihoods(
        futures, today, dict(zip(ids, [40, 30, 20, 10], strict=True)), owner
    )
    html = agenda(login(owner), plan, make_session(plan, kind=Kind.STEERING))
    around = html.split("What moved around us", 1)[1]
    assert "Mill closes" in around and "Old news" not in around
    assert "40 %" in around and "(+15)" in around and "(-15)" in around


def test_a_scenario_estimated_once_shows_no_change_and_an_unestimated_set_says_so(
    login, owner, plan, workspace
):
    once = scenario_set(workspace, owner)
    ids = [s.pk for s in once.scenarios.all()]
    scenarios.record_likelihoods(
        once, timezone.localdate(), dict(zip(ids, [40, 30, 20, 10], strict=True)), owner
    )
    scenario_set(workspace, owner)  # newer, so listed first, and never estimated
    html = agenda(login(owner), plan, make_session(plan, kind=Kind.STEERING))
    around = html.split("What moved around us", 1)[1]
    assert around.count("not estimated yet") == 4
    assert around.index("not estimated yet") < around.index("40 %")
    assert "40 %</strong></li>" in around  # no change to show after a single estimate


def test_steering_without_analysis_content_keeps_its_agenda_short(login, owner, plan):
    html = agenda(login(owner), plan, make_session(plan, kind=Kind.STEERING))
    assert "What moved around us" not in html


def test_the_plan_session_reviews_every_item_with_its_decision(login, owner, plan, workspace):
    swot.add_item(workspace, owner, kind="opportunity", description="Office lunches")
    risk = swot.add_item(workspace, owner, kind="risk", description="Grain prices")
    swot.decide(risk, owner, "ignore", reason="Hedged")
    html = agenda(login(owner), plan, make_session(plan, kind=Kind.PLAN))
    review = html.split("Review of the updated lists", 1)[1]
    assert "Office lunches" in review and "Not decided yet" in review
    assert "Grain prices" in review and "Hedged" in review


def test_the_plan_session_pre_read_lists_the_swot_and_what_moved(login, member, plan, workspace):
    today = timezone.localdate()
    Signal.objects.create(workspace=workspace, observed_on=today, kind="news", title="Mill closes")
    risk = swot.add_item(workspace, member, kind="risk", description="Grain prices")
    swot.decide(risk, member, "ignore", reason="Hedged")
    session = make_session(plan, kind=Kind.PLAN)
    url = reverse("meetings:preread", args=["acme", plan.pk, session.pk])
    client = login(member)
    around = client.get(url).content.decode().split("What moved around us", 1)[1]
    assert "Grain prices — Ignore for now: Hedged" in around
    # The signals of the year are in its year in view, which the pre-read loads into place.
    year = reverse("meetings:year", args=["acme", plan.pk, session.pk])
    assert "Mill closes" in client.get(year, HTTP_HX_REQUEST="true").content.decode()


def test_the_update_session_pre_read_stays_about_the_actions(login, member, plan, workspace):
    swot.add_item(workspace, member, kind="risk", description="Grain prices")
    session = make_session(plan, kind=Kind.UPDATE)
    url = reverse("meetings:preread", args=["acme", plan.pk, session.pk])
    assert "What moved around us" not in login(member).get(url).content.decode()


def shifted_workspace(workspace, owner):
    """Business model versions before and during the quarter, a trend rescored in it and one
    that was only added."""
    from koers.analysis import canvas, trends
    from koers.analysis.models import CanvasVersion, TrendScore
    from koers.analysis.tests.factories import trend

    item = canvas.add_item(workspace, block="channels", text="Webshop", mark="vulnerability")
    old = canvas.save_version(workspace, "Spring", owner)
    CanvasVersion.objects.filter(pk=old.pk).update(saved_at=timezone.now() - timedelta(days=200))
    item.mark = ""
    canvas.save_item(item, ["mark"], item.version)
    canvas.save_version(workspace, "Autumn", owner)
    rising = trend(workspace, "Energy prices", impact=3)
    TrendScore.objects.update(recorded_at=timezone.now() - timedelta(days=200))
    rising.impact = 5
    trends.save_trend(rising, ["impact"], rising.version, owner)
    trend(workspace, "Brand new trend")


def test_steering_names_business_model_and_trend_shifts_of_the_quarter(
    login, owner, plan, workspace
):
    shifted_workspace(workspace, owner)
    session = make_session(plan, kind=Kind.STEERING)
    client = login(owner)
    around = agenda(client, plan, session).split("What moved around us", 1)[1]
    assert "Shifts in the business model" in around and "Trends whose scores changed" in around
    preread = reverse("meetings:preread", args=["acme", plan.pk, session.pk])
    text = client.get(preread).content.decode().split("What moved around us", 1)[1]
    assert "Version “Autumn”" in text and "“Spring”" in text and "Webshop" in text
    assert "Energy prices" in text and "impact 3" in text and "impact 5" in text
    assert "Brand new trend" not in text  # scored for the first time: no change


def test_session_mode_shows_the_shifts_on_their_own_items(login, owner, plan, workspace):
    from koers.meetings.agenda import build_agenda, flat_items
    from koers.meetings.loading import load_agenda_data

    shifted_workspace(workspace, owner)
    session = make_session(plan, kind=Kind.STEERING)
    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(session)))]
    run = reverse("meetings:run", args=["acme", plan.pk, session.pk])
    client = login(owner)
    html = client.get(f"{run}?item={keys.index('canvas-shift')}").content.decode()
    assert "Not marked" in html and "Energy prices" not in html
    html = client.get(f"{run}?item={keys.index('trend-scores')}").content.decode()
    assert "impact 5" in html and "Webshop" not in html


def test_without_shifts_the_steering_agenda_leaves_them_out(login, owner, plan, workspace):
    from koers.analysis.tests.factories import trend

    trend(workspace, "Brand new trend")  # scored once: not a change
    html = agenda(login(owner), plan, make_session(plan, kind=Kind.STEERING))
    assert "Shifts in the business model" not in html and "Trends whose scores" not in html
