"""The weekly digest: opt-in, one mail per person per week with what is asked of them, the
requests for them and their actions gone silent; nothing when there is nothing to say."""

import io
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from koers.actions import rules as action_rules
from koers.actions.models import Action
from koers.actions.tests.factories import make_action
from koers.meetings import asked, digest
from koers.meetings.models import DigestSent, NotificationSettings, Session
from koers.meetings.tests.factories import make_session


def _digest_on(user):
    NotificationSettings.objects.update_or_create(user=user, defaults={"digest": True})


def _run() -> str:
    out = io.StringIO()
    call_command("send_digests", stdout=out)
    return out.getvalue().strip()


def _digests_to(user):
    return [m for m in mail.outbox if user.email in m.to and "week" in m.subject.lower()]


def _quiet(action, weeks=5):
    """An action created and last updated `weeks` ago."""
    when = timezone.now() - timedelta(weeks=weeks)
    Action.objects.filter(pk=action.pk).update(created_at=when, last_update_at=when)


@pytest.fixture
def busy(plan, member, owner):
    """Mia is asked an update for the coming session, and Olivia needs something from her."""
    strategy = plan.strategies.get()
    make_session(plan, days_ahead=5)
    asked_action = make_action(strategy, member, "Open a webshop")
    help_action = make_action(strategy, owner, "Hire a baker")
    action_rules.post_update(
        help_action, owner, did="Wrote the ad", need="Your budget", need_from=member,
        progress=10, colour="green",
    )  # fmt: skip
    return asked_action


def test_a_person_who_turned_it_on_gets_what_is_asked_requests_and_quiet_actions(busy, member):
    asked_action = busy
    # The quiet action is asked by the session too: it is listed once, as asked.
    _quiet(asked_action)
    _digest_on(member)
    assert _run() == "digests queued: 1"
    [message] = _digests_to(member)
    assert message.subject == "Your week in Koers"
    body = message.body
    assert "Updates asked of you:" in body and "- Open a webshop (Acme 2027)" in body
    assert "Olivia needs: Your budget (for Hire a baker)" in body
    assert body.count("Open a webshop") == 1
    assert "/w/acme/my/" in body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_actions_gone_quiet_are_named_and_recent_ones_are_not(plan, member):
    strategy = plan.strategies.get()
    quiet = make_action(strategy, member, "Renew the oven")
    recent = make_action(strategy, member, "Paint the shop")
    _quiet(quiet, weeks=4)
    _quiet(recent, weeks=2)
    silent = list(asked.silent_actions(member, plan.workspace, timezone.now()))
    assert silent == [quiet]
    _digest_on(member)
    _run()
    [message] = _digests_to(member)
    assert "Your actions that have gone quiet:" in message.body
    assert "Renew the oven" in message.body and "Paint the shop" not in message.body


def test_the_digest_is_off_until_the_person_turns_it_on(busy, member):
    assert _run() == "digests queued: 0"
    assert _digests_to(member) == []


def test_running_it_twice_in_a_week_sends_once_and_next_week_again(busy, member):
    _digest_on(member)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        _run()
        assert _run() == "digests queued: 0"
        assert digest.send_digest(member) is False  # a task queued twice sends nothing either
    assert len(_digests_to(member)) == 1
    with time_machine.travel(now + timedelta(days=7), tick=False):
        make_session(busy.strategy.plan, days_ahead=5)
        _run()
    assert len(_digests_to(member)) == 2
    assert DigestSent.objects.filter(user=member).count() == 2


def test_nothing_is_sent_when_there_is_nothing_to_say(plan, member):
    _digest_on(member)
    assert _run() == "digests queued: 1"
    assert _digests_to(member) == []
    assert not DigestSent.objects.filter(user=member).exists()


def test_the_digest_is_in_the_persons_language(busy, member):
    member.language = "nl"
    member.save(update_fields=["language"])
    _digest_on(member)
    _run()
    message = next(m for m in mail.outbox if member.email in m.to)
    assert message.subject == "Jouw week in Koers"
    assert "Updates die van je gevraagd worden:" in message.body
    assert "Geen wekelijkse overzichten meer ontvangen" in message.body


def test_each_workspace_in_the_digest_shows_its_dates_in_its_own_time_zone(plan, member):
    """A session at 20:00 UTC starts the next day in Auckland: the digest names that day,
    whatever zone the server runs in."""
    workspace = plan.workspace
    workspace.time_zone = "Pacific/Auckland"
    workspace.save()
    session = make_session(plan)
    starts = session.starts_at.astimezone(UTC).replace(hour=20, minute=0, second=0)
    Session.objects.filter(pk=session.pk).update(starts_at=starts)
    make_action(plan.strategies.get(), member, "Open a webshop")
    _digest_on(member)
    with timezone.override("UTC"):
        assert _run() == "digests queued: 1"
    body = _digests_to(member)[0].body
    in_auckland = starts.astimezone(ZoneInfo("Pacific/Auckland")).date()
    assert f"before {date_format(in_auckland)}" in body
    assert f"before {date_format(starts.date())}" not in body
