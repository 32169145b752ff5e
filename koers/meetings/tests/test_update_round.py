"""Preparation: asking for updates, reminding, and who has answered."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from koers.actions import rules as action_rules
from koers.actions.tests.factories import make_action
from koers.meetings import asked, tasks
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session
from koers.plans.models import PlanRole


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


def test_a_reminder_names_only_what_is_still_missing(login, plan, team_actions, member):
    """The round page says Mia still owes "Print flyers"; so does her reminder, and only that."""
    session = make_session(plan)
    tasks.open_round.call(session.pk)
    action_rules.post_update(team_actions["red"], member, did="x", progress=40, colour="orange")
    mail.outbox.clear()
    tasks.remind_now.call(session.pk)
    mia = next(m for m in mail.outbox if m.to == ["mia@example.com"])
    assert "Print flyers" in mia.body
    assert "Open a webshop" not in mia.body
    olivia = next(m for m in mail.outbox if m.to == ["olivia@example.com"])
    assert "Hire a baker" in olivia.body


def _round_page(client, plan, session):
    url = reverse("meetings:round", args=["acme", plan.pk, session.pk])
    return client.get(url).content.decode()


def test_an_ended_round_keeps_its_figures_and_sends_no_more_reminders(
    login, plan, team_actions, process_owner, member
):
    session = make_session(plan)
    client = login(process_owner)
    client.post(reverse("meetings:open_round", args=["acme", plan.pk, session.pk]))
    action_rules.post_update(team_actions["red"], member, did="x", progress=40, colour="orange")
    action_rules.post_update(team_actions["green"], member, did="y", progress=70, colour="green")
    client.post(reverse("meetings:start", args=["acme", plan.pk, session.pk]))
    client.post(reverse("meetings:end", args=["acme", plan.pk, session.pk]))
    before = _round_page(client, plan, session)
    assert "1 of 2 people have given all their updates." in before

    # Months later the plan has moved on: Mia has a new action, Olivia's is done.
    make_action(plan.strategies.get(), member, "Open a second shop")
    action_rules.close_action(team_actions["silent"], process_owner, "finished")
    after = _round_page(client, plan, session)
    assert "1 of 2 people have given all their updates." in after
    assert "Open a second shop" not in after and "Hire a baker" in after
    assert "Remind those who have not answered" not in after

    mail.outbox.clear()
    response = client.post(reverse("meetings:remind", args=["acme", plan.pk, session.pk]))
    assert mail.outbox == []
    assert "its update round is over" in client.get(response.url).content.decode()


def test_the_pages_say_mail_is_being_sent_until_it_has_gone(
    login, plan, team_actions, process_owner, settings
):
    """With a worker that has not run yet, no page claims mail went out or offers to ask again."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    session = make_session(plan)
    client = login(process_owner)
    args = ["acme", plan.pk, session.pk]
    client.post(reverse("meetings:open_round", args=args))
    client.post(reverse("meetings:share_preread", args=args))
    detail = client.get(reverse("meetings:detail", args=args)).content.decode()
    assert detail.count("Being sent") == 2
    assert "Not shared yet" not in detail
    assert "Ask now" not in detail and "Share by e-mail" not in detail
    round_page = _round_page(client, plan, session)
    assert "Being sent" in round_page and "Ask everyone now" not in round_page
    assert mail.outbox == []

    # The worker runs: now the pages say it went, and offer what comes next.
    tasks.open_round.call(session.pk)
    tasks.share_preread.call(session.pk)
    detail = client.get(reverse("meetings:detail", args=args)).content.decode()
    assert detail.count("Sent on") == 2 and "Being sent" not in detail
    assert "Remind those who have not answered" in _round_page(client, plan, session)


def test_the_demos_past_rounds_do_not_change_with_todays_plan(db):
    from koers.demo.services import load_demo
    from koers.meetings.models import Session
    from koers.meetings.rounds import completeness

    load_demo()
    past = Session.objects.filter(state=Session.State.CLOSED)
    assert past.exists()
    before = {s.pk: completeness(s) for s in past}
    for session in past:
        strategy = session.plan.strategies.exclude(owner=None).first()
        make_action(strategy, strategy.owner, "Added after the session")
    assert {s.pk: completeness(s) for s in Session.objects.filter(pk__in=before)} == before


def test_a_session_that_has_begun_offers_no_more_asking(login, plan, team_actions, process_owner):
    session = make_session(plan, days_ahead=-1)  # yesterday, never started in Koers
    client = login(process_owner)
    detail = client.get(reverse("meetings:detail", args=["acme", plan.pk, session.pk]))
    assert "Ask now" not in detail.content.decode()
    client.post(reverse("meetings:open_round", args=["acme", plan.pk, session.pk]))
    assert mail.outbox == []


def test_an_owner_who_only_views_the_plan_is_not_asked_and_the_round_says_why(
    login, plan, team_actions, member, process_owner
):
    PlanRole.objects.create(plan=plan, user=member, role="viewer")  # Mia only reads this plan
    session = make_session(plan)
    assert tasks.open_round.call(session.pk) == 1
    assert recipients() == ["olivia@example.com"]  # no request whose link would open nothing
    page = login(process_owner).get(reverse("meetings:round", args=["acme", plan.pk, session.pk]))
    text = page.content.decode()
    not_asked = text[text.index("Not asked") :]
    assert "Mia" in not_asked and reverse("plans:roles", args=["acme", plan.pk]) in not_asked
    assert "Mia" not in text[: text.index("Not asked")]  # not counted as missing either
    # Her own list of work agrees: nothing to update on a plan she only views.
    assert not asked.round_actions(member, plan.workspace, timezone.now()).exists()
    later = timezone.now() + asked.SILENT_AFTER * 2  # nor nudged about them in the digest
    assert not asked.silent_actions(member, plan.workspace, later).exists()
    PlanRole.objects.filter(plan=plan, user=member).delete()
    assert asked.round_actions(member, plan.workspace, timezone.now()).count() == 2
    assert asked.silent_actions(member, plan.workspace, later).count() == 2
