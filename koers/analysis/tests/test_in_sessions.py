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
