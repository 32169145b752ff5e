"""Replying to the update request by e-mail: `manage.py receive_mail` stores the updates
through the update rules, once, and refuses what is forged, replayed or someone else's."""

import io
import sys
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from koers.actions import rules as action_rules
from koers.actions.models import ActionUpdate
from koers.actions.tests.factories import make_action
from koers.meetings import inbound, rounds
from koers.meetings import mail as meeting_mail
from koers.meetings.models import Session
from koers.meetings.tests.factories import make_session
from koers.plans.models import Plan


@pytest.fixture(autouse=True)
def _reply_address(settings):
    settings.UPDATE_REPLY_ADDRESS = "updates@koers.example"


def _raw(to, body, sender="mia@example.com", message_id="<r1@mail.example>", extra=""):
    return (
        f"From: Mia <{sender}>\nTo: {to}\nSubject: Re: Your update\nMessage-ID: {message_id}\n"
        f"{extra}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}"
    ).encode()


def _receive(monkeypatch, raw: bytes) -> str:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    call_command("receive_mail", stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def asked(plan, member):
    session = make_session(plan, days_ahead=5)
    action = make_action(plan.strategies.get(), member, "Open a webshop")
    action_rules.post_update(action, member, did="Started", progress=20, colour="orange")
    return session, action


def test_a_reply_to_the_request_is_stored_as_an_update_and_confirmed(monkeypatch, asked, member):
    session, action = asked
    rounds.open_update_round(session, meeting_mail.send_update_request(session))
    request = next(m for m in mail.outbox if member.email in m.to)
    address = request.reply_to[0]
    assert address.startswith("updates+") and address.endswith("@koers.example")
    assert f"[A{action.pk}] Open a webshop" in request.body
    quoted = "\n".join(f"> {line}" for line in request.body.splitlines())
    body = (
        f"[A{action.pk}]\ndid: Chose a platform\nprogress: 45\n\n"
        f"On Tue, 1 Dec 2026 at 10:00, Koers <{address}> wrote:\n{quoted}\n"
    )
    assert _receive(monkeypatch, _raw(address, body)) == "saved 1"
    update = ActionUpdate.objects.filter(action=action).order_by("-pk").first()
    assert (update.did, update.progress, update.colour) == ("Chose a platform", 45, "orange")
    assert update.author == member
    action.refresh_from_db()
    assert action.progress == 45  # through post_update: the action took it over
    confirmation = mail.outbox[-1]
    assert (
        confirmation.subject == "Your updates are saved" and "Chose a platform" in confirmation.body
    )


def test_the_same_reply_twice_stores_one_update(monkeypatch, asked, member):
    session, action = asked
    address = inbound.reply_address(session, member)
    raw = _raw(address, f"[A{action.pk}]\nsame\n")
    assert _receive(monkeypatch, raw) == "saved 1"
    assert _receive(monkeypatch, raw) == "duplicate 0"
    assert ActionUpdate.objects.filter(action=action).count() == 2  # the old one and this one


def test_a_forged_address_is_refused_and_logged(monkeypatch, asked, member, caplog):
    session, action = asked
    address = inbound.reply_address(session, member)
    forged = address.replace(address.split("-")[-1][:4], "0000", 1)
    unsigned = f"updates+{session.pk}-{member.pk}@koers.example"
    for to in (forged, unsigned, "updates@koers.example"):
        assert _receive(monkeypatch, _raw(to, f"[A{action.pk}]\ndid: x\n")) == "refused 0"
    assert ActionUpdate.objects.filter(action=action).count() == 1
    assert "Reply refused" in caplog.text


def test_a_reply_from_another_address_is_refused(monkeypatch, asked, member):
    session, action = asked
    raw = _raw(inbound.reply_address(session, member), "[A1]\ndid: x\n", sender="eve@evil.test")
    assert _receive(monkeypatch, raw) == "refused 0"


def test_a_reply_after_the_session_began_is_refused(monkeypatch, asked, member):
    session, action = asked
    address = inbound.reply_address(session, member)
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    assert _receive(monkeypatch, _raw(address, f"[A{action.pk}]\nsame\n")) == "refused 0"


def test_a_token_for_another_workspace_is_refused(monkeypatch, member, other_workspace):
    other = Plan.objects.create(
        workspace=other_workspace,
        name="Other",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    session = make_session(other, days_ahead=5)
    raw = _raw(inbound.reply_address(session, member), "[A1]\nsame\n")
    assert _receive(monkeypatch, raw) == "refused 0"


def test_someone_elses_action_is_not_written_and_the_reply_is_answered(
    monkeypatch, asked, member, owner
):
    session, _action = asked
    theirs = make_action(session.plan.strategies.get(), owner, "Theirs")
    raw = _raw(inbound.reply_address(session, member), f"[A{theirs.pk}]\ndid: taken over\n")
    assert _receive(monkeypatch, raw) == "unreadable 0"
    assert not ActionUpdate.objects.filter(action=theirs).exists()
    answer = mail.outbox[-1]
    assert answer.subject == "We could not read your reply"
    assert f"A{theirs.pk} is not one of your updates" in answer.body and "/u/" in answer.body


def test_an_unreadable_reply_gets_a_friendly_answer_and_changes_nothing(monkeypatch, asked, member):
    session, action = asked
    make_action(session.plan.strategies.get(), member, "Second")
    raw = _raw(inbound.reply_address(session, member), "Thanks, will do!\n")
    assert _receive(monkeypatch, raw) == "unreadable 0"
    assert ActionUpdate.objects.filter(action=action).count() == 1
    assert "Start each update with the code" in mail.outbox[-1].body


def test_a_single_asked_action_takes_text_without_a_code(monkeypatch, asked, member):
    session, action = asked
    raw = _raw(inbound.reply_address(session, member), "Chose a platform.\n\n-- \nMia\n")
    assert _receive(monkeypatch, raw) == "saved 1"
    assert ActionUpdate.objects.filter(action=action).order_by("-pk")[0].did == "Chose a platform."


def test_an_automatic_reply_is_refused(monkeypatch, asked, member):
    session, action = asked
    raw = _raw(
        inbound.reply_address(session, member),
        "Out of office\n",
        extra="Auto-Submitted: auto-replied\n",
    )
    assert _receive(monkeypatch, raw) == "refused 0"
    assert len(mail.outbox) == 0  # no answer to an answering machine


def test_a_dutch_reply_is_read(monkeypatch, asked, member):
    session, action = asked
    member.language = "nl"
    member.save()
    meeting_mail.send_update_request(session)(member, {"actions": [action], "strategies": []})
    assert "gedaan:" in mail.outbox[-1].body and "voortgang: 20" in mail.outbox[-1].body
    body = f"[A{action.pk}]\ngedaan: Platform gekozen\nvoortgang: 50\nkleur: groen\n"
    assert _receive(monkeypatch, _raw(inbound.reply_address(session, member), body)) == "saved 1"
    update = ActionUpdate.objects.filter(action=action).order_by("-pk")[0]
    assert (update.progress, update.colour) == (50, "green")
    assert mail.outbox[-1].subject == "Je updates zijn opgeslagen"
