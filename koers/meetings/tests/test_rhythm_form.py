"""The rhythm form names the weekday; the demo's sessions follow the demo's own rhythm."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from koers.meetings import rules
from koers.meetings.models import Kind, Session

RHYTHM = {
    "update_every_months": 1,
    "update_minutes": 45,
    "steering_every_months": 3,
    "steering_minutes": 120,
    "plan_minutes": 600,
    "week_of_month": 2,
    "start_time": "09:00",
    "request_days_before": 7,
    "reminder_days_before": 3,
    "version": 1,
}


def test_the_weekday_is_chosen_by_its_name_in_the_readers_language(login, plan, process_owner):
    client = login(process_owner)
    url = reverse("meetings:cadence", args=["acme", plan.pk])
    html = client.get(url).content.decode()
    assert '<select name="weekday"' in html and ">Tuesday</option>" in html
    assert "0 is Monday" not in html
    client.post(reverse("accounts:language"), {"language": "nl"})
    assert ">dinsdag</option>" in client.get(url).content.decode()
    response = client.post(url, {**RHYTHM, "weekday": 3})
    assert response.status_code == 302
    assert rules.cadence_of(plan).weekday == 3  # Thursday


def test_a_weekday_that_is_not_a_day_is_refused(login, plan, process_owner):
    url = reverse("meetings:cadence", args=["acme", plan.pk])
    response = login(process_owner).post(url, {**RHYTHM, "weekday": 9})
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_the_demo_sessions_fall_on_its_rhythm(db):
    from koers.demo.services import load_demo

    load_demo()
    sessions = list(Session.objects.order_by("starts_at"))
    cadence = rules.cadence_of(sessions[0].plan)
    for session in sessions:
        day = timezone.localtime(session.starts_at).date()
        expected = rules.nth_weekday(day.year, day.month, cadence.weekday, cadence.week_of_month)
        assert day == expected, session  # the second Tuesday, never a Sunday
    steering = [s.starts_at for s in sessions if s.kind == Kind.STEERING]
    gaps = {(b - a).days // 28 for a, b in zip(steering, steering[1:], strict=False)}
    assert gaps == {3}  # a quarter apart, as the rhythm says
    held = [s for s in sessions if s.state == Session.State.CLOSED]
    assert any(s.kind == Kind.STEERING for s in held) and any(s.evaluation.exists() for s in held)
    coming = [s for s in sessions if s.starts_at > timezone.now()]
    assert coming[0].round_opened_at is not None
    assert coming[0].starts_at - timezone.now() < timedelta(days=40)
