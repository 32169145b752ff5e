"""A plan session over several half-days (2–5 dates, as the method says): set in the session
form, shown on the session page, the agenda and the pre-read, an event per day in the calendar
feed; the update round counts from the first day."""

from datetime import date, timedelta

import time_machine
from django.urls import reverse

from koers.meetings import rounds, rules
from koers.meetings.models import Kind, Session
from koers.meetings.tests.factories import at


def edit_url(session):
    return reverse("meetings:edit", args=["acme", session.plan_id, session.pk])


def detail_url(session, name="detail"):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


def plan_session(plan, **fields):
    return Session.objects.create(
        plan=plan,
        kind=Kind.PLAN,
        starts_at=at(2027, 12, 14),
        duration_minutes=240,
        **fields,
    )


def form(session, **days):
    return {
        "kind": session.kind,
        "starts_at": "2027-12-14T09:00",
        "duration_minutes": 240,
        "place": "Bakhuis",
        "version": session.version,
        **days,
    }


def test_the_session_form_saves_the_further_days_in_order(login, plan, process_owner):
    session = plan_session(plan)
    response = login(process_owner).post(
        edit_url(session), form(session, day_2="2027-12-15", day_3="2027-12-21")
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.more_dates == [date(2027, 12, 15), date(2027, 12, 21)]
    assert session.version == 2


def test_the_form_shows_the_days_it_has(login, plan, process_owner):
    session = plan_session(plan, more_days=["2027-12-15"])
    html = login(process_owner).get(edit_url(session)).content.decode()
    assert 'name="day_2" value="2027-12-15"' in html and "Day 5" in html


def test_emptying_the_further_days_makes_it_one_day_again(login, plan, process_owner):
    session = plan_session(plan, more_days=["2027-12-15"])
    login(process_owner).post(edit_url(session), form(session))
    session.refresh_from_db()
    assert session.more_days == []


def refused(login, process_owner, session, data, message):
    response = login(process_owner).post(edit_url(session), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    session.refresh_from_db()
    assert session.more_days == [] and session.version == 1


def test_a_day_before_the_first_is_refused(login, plan, process_owner):
    session = plan_session(plan)
    message = "Each further day comes after the day before it"
    refused(login, process_owner, session, form(session, day_2="2027-12-13"), message)
    refused(login, process_owner, session, form(session, day_2="2027-12-14"), message)


def test_days_out_of_order_are_refused(login, plan, process_owner):
    session = plan_session(plan)
    data = form(session, day_2="2027-12-20", day_3="2027-12-16")
    refused(login, process_owner, session, data, "Each further day comes after the day before it")


def test_a_gap_in_the_days_is_refused(login, plan, process_owner):
    session = plan_session(plan)
    data = form(session, day_3="2027-12-16")
    refused(login, process_owner, session, data, "in order, without gaps")


def test_a_far_off_year_is_refused(login, plan, process_owner):
    session = plan_session(plan)
    data = form(session, day_2="2150-01-01")
    refused(login, process_owner, session, data, "Choose a date between 2000 and 2100.")


def test_only_a_plan_session_spans_several_days(login, plan, process_owner):
    session = plan_session(plan)
    data = {**form(session, day_2="2027-12-15"), "kind": Kind.STEERING}
    refused(login, process_owner, session, data, "Only a plan session spans several days.")


def test_an_edit_from_an_old_form_is_a_conflict(login, plan, process_owner):
    session = plan_session(plan)
    data = form(session, day_2="2027-12-15")
    session.place = "Elsewhere"
    session.version = 2
    session.save()
    response = login(process_owner).post(edit_url(session), data)
    assert response.status_code == 422
    session.refresh_from_db()
    assert session.more_days == [] and session.place == "Elsewhere"


def test_the_session_page_and_pre_read_show_every_day(login, plan, process_owner):
    session = plan_session(plan, more_days=["2027-12-15", "2027-12-21"])
    client = login(process_owner)
    for name in ("detail", "preread"):
        html = client.get(detail_url(session, name)).content.decode()
        assert "3 days: 14 Dec 2027 · 15 Dec 2027 · 21 Dec 2027" in html, name
        assert "each from 09:00, 240 minutes" in html
    dutch = client.get(detail_url(session), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "3 dagen: 14 dec 2027 · 15 dec 2027 · 21 dec 2027" in dutch


def test_a_one_day_session_says_nothing_of_days(login, plan, process_owner):
    session = plan_session(plan)
    html = login(process_owner).get(detail_url(session)).content.decode()
    assert "days:" not in html


def test_the_calendar_feed_has_an_event_for_each_day(client, plan):
    session = plan_session(plan, more_days=["2027-12-15", "2027-12-21"])
    cadence = rules.kept(rules.cadence_of(plan))
    body = client.get(reverse("meetings:calendar", args=[cadence.calendar_token])).content
    text = body.decode().replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 3
    assert f"UID:koers-session-{session.pk}@" in text
    assert f"UID:koers-session-{session.pk}-day-3@" in text
    assert "DTSTART;TZID=Europe/Amsterdam:20271221T090000" in text
    assert "DTEND;TZID=Europe/Amsterdam:20271221T130000" in text
    assert "(2/3)" in text


def test_the_update_round_counts_from_the_first_day(plan, team_actions):
    session = plan_session(plan, more_days=["2027-12-15", "2027-12-21"])
    asked = []
    request_day = session.starts_at - timedelta(days=rules.cadence_of(plan).request_days_before)
    with time_machine.travel(request_day - timedelta(hours=1), tick=False):
        rounds.run_due_mail_for(
            session, request_day - timedelta(hours=1), lambda user, what: asked.append(user), print
        )
    assert asked == []
    with time_machine.travel(request_day, tick=False):
        counts = rounds.run_due_mail_for(
            session, request_day, lambda user, what: asked.append(user), print
        )
    assert counts["requests"] == len(asked) > 0
