"""Preparation: asking for updates, reminding, and who has answered."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from koers.actions import rules as action_rules
from koers.meetings import tasks
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


def recipients():
    return sorted(address for m in mail.outbox for address in m.to)


def test_the_round_asks_every_action_owner_once(plan, team_actions):
    session = make_session(plan)
    assert tasks.open_round.call(session.pk) == 2
    assert recipients() == ["mia@example.com", "olivia@example.com"]
    mia = next(m for m in mail.outbox if m.to == ["mia@example.com"])
    assert "Open a webshop" in mia.body and "Print flyers" in mia.body
    assert f"/actions/{team_actions['red'].pk}/" in mia.body
    assert tasks.open_round.call(session.pk) == 0  # a second run sends nothing
    assert len(mail.outbox) == 2


def test_before_steering_strategy_owners_are_asked_too(plan, team_actions, member):
    session = make_session(plan, kind=Kind.STEERING)
    tasks.open_round.call(session.pk)
    mia = next(m for m in mail.outbox if m.to == ["mia@example.com"])
    assert "Go online" in mia.body  # Mia owns the strategy


def test_the_mail_speaks_the_recipients_language(plan, team_actions, member):
    member.language = "nl"
    member.save()
    tasks.open_round.call(make_session(plan).pk)
    mia = next(m for m in mail.outbox if m.to == ["mia@example.com"])
    assert "Je update" in mia.subject


def test_the_scheduler_asks_seven_days_before_and_reminds_three_days_before(
    plan, team_actions, member
):
    session = make_session(plan, days_ahead=20)
    start = session.starts_at
    with time_machine.travel(start - timedelta(days=10)):
        assert tasks.run_due() == {"requests": 0, "reminders": 0}
    with time_machine.travel(start - timedelta(days=7)):
        assert tasks.run_due()["requests"] == 2
    with time_machine.travel(start - timedelta(days=5)):
        action_rules.post_update(team_actions["red"], member, did="x", progress=40, colour="orange")
        action_rules.post_update(
            team_actions["green"], member, did="x", progress=70, colour="green"
        )
    mail.outbox.clear()
    with time_machine.travel(start - timedelta(days=3)):
        assert tasks.run_due() == {"requests": 0, "reminders": 1}
        assert tasks.run_due() == {"requests": 0, "reminders": 0}  # idempotent
    assert recipients() == ["olivia@example.com"]  # Mia answered, Olivia did not
    assert "We have not seen your update yet." in mail.outbox[0].body


def test_the_completeness_view_shows_who_answered(login, plan, team_actions, process_owner, member):
    session = make_session(plan)
    session.round_opened_at = timezone.now()  # the fixture's updates came before
    session.save()
    action_rules.post_update(team_actions["red"], member, did="x", progress=40, colour="orange")
    html = (
        login(process_owner)
        .get(reverse("meetings:round", args=["acme", plan.pk, session.pk]))
        .content.decode()
    )
    assert "0 of 2 people have given all their updates." in html
    assert "1 / 2" in html and "Print flyers" in html


def test_one_click_reminds_those_who_have_not_answered(login, plan, team_actions, process_owner):
    session = make_session(plan)
    client = login(process_owner)
    client.post(reverse("meetings:open_round", args=["acme", plan.pk, session.pk]))
    mail.outbox.clear()
    client.post(reverse("meetings:remind", args=["acme", plan.pk, session.pk]))
    assert recipients() == ["mia@example.com", "olivia@example.com"]
    client.post(reverse("meetings:remind", args=["acme", plan.pk, session.pk]))
    assert len(mail.outbox) == 2  # at most one manual reminder a day
