"""The rhythm: sessions planned by the cadence, and the calendar feed."""

from datetime import date

from django.urls import reverse

from koers.accounts.models import Workspace
from koers.meetings import rules
from koers.meetings.models import Cadence, Kind
from koers.meetings.tests.factories import make_session


def test_the_nth_weekday_of_a_month():
    assert rules.nth_weekday(2027, 3, 1, 2) == date(2027, 3, 9)  # second Tuesday
    assert rules.nth_weekday(2027, 2, 0, 5) == date(2027, 2, 22)  # no 5th Monday: the last


def test_a_year_gets_monthly_updates_quarterly_steering_and_a_closing_plan_session(plan):
    sessions = rules.schedule_sessions(plan, rules.cadence_of(plan), date(2026, 12, 1))
    kinds = [s.kind for s in sessions]
    assert len(sessions) == 12
    assert kinds.count(Kind.STEERING) == 3 and kinds[-1] == Kind.PLAN
    assert kinds.count(Kind.UPDATE) == 8
    first = sessions[0].starts_at.astimezone(sessions[0].starts_at.tzinfo)
    assert (first.month, first.hour) == (1, 9)


def test_planning_again_keeps_existing_sessions(plan):
    cadence = rules.cadence_of(plan)
    rules.schedule_sessions(plan, cadence, date(2026, 12, 1))
    assert rules.schedule_sessions(plan, cadence, date(2026, 12, 1)) == []
    assert plan.sessions.count() == 12


def test_sessions_in_the_past_are_not_planned(plan):
    sessions = rules.schedule_sessions(plan, rules.cadence_of(plan), date(2027, 7, 1))
    assert all(s.starts_at.date() >= date(2027, 7, 1) for s in sessions)


def test_the_calendar_feed_lists_the_sessions(client, plan):
    cadence = rules.cadence_of(plan)
    rules.schedule_sessions(plan, cadence, date(2026, 12, 1))
    response = client.get(reverse("meetings:calendar", args=[cadence.calendar_token]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 12 and "Steering session" in body


def test_an_unknown_calendar_token_is_not_found(client, db):
    assert client.get(reverse("meetings:calendar", args=["nope"])).status_code == 404


def test_the_rhythm_refuses_a_reminder_before_the_request(login, plan, process_owner):
    url = reverse("meetings:cadence", args=["acme", plan.pk])
    data = {
        "update_every_months": 1,
        "update_minutes": 45,
        "steering_every_months": 3,
        "steering_minutes": 120,
        "plan_minutes": 600,
        "weekday": 1,
        "week_of_month": 2,
        "start_time": "09:00",
        "request_days_before": 3,
        "reminder_days_before": 5,
        "version": 1,
    }
    response = login(process_owner).post(url, data)
    assert response.status_code == 422
    assert "The reminder must come after the request" in response.content.decode()
    assert rules.cadence_of(plan).reminder_days_before == 3


def test_reading_the_session_pages_writes_no_rhythm(login, plan, process_owner):
    session = make_session(plan, kind=Kind.STEERING)
    client = login(process_owner)
    revision = Workspace.objects.get(pk=plan.workspace_id).revision
    for page in ["detail", "run", "preread", "minutes"]:
        address = reverse(f"meetings:{page}", args=["acme", plan.pk, session.pk])
        assert client.get(address).status_code == 200
    assert (
        "No rhythm set yet"
        in client.get(reverse("meetings:list", args=["acme", plan.pk])).content.decode()
    )
    assert not Cadence.objects.exists()
    assert Workspace.objects.get(pk=plan.workspace_id).revision == revision


def test_planning_the_sessions_keeps_the_rhythm_and_offers_its_calendar_feed(
    login, plan, process_owner
):
    client = login(process_owner)
    client.post(reverse("meetings:schedule", args=["acme", plan.pk]))
    page = client.get(reverse("meetings:list", args=["acme", plan.pk])).content.decode()
    token = Cadence.objects.get(plan=plan).calendar_token
    assert reverse("meetings:calendar", args=[token]) in page
    assert client.get(reverse("meetings:calendar", args=[token])).status_code == 200
