"""'Last time we agreed' beside each action on the agenda and the pre-read, not only in session
mode: read with the actions themselves, so the pages keep their query budget."""

import pytest
from django.urls import reverse

from koers.meetings import decisions
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


def agree(session, key, by, remedy="Call another supplier", reasons="Supplier is late"):
    return decisions.save_note(session, key, by, reasons, remedy)


def page(client, name, session, **headers):
    address = reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])
    return client.get(address, **headers).content.decode()


@pytest.mark.parametrize("name", ["detail", "preread"])
def test_the_agenda_and_pre_read_show_last_time_s_agreement_beside_the_action(
    name, login, plan, team_actions, process_owner
):
    red = team_actions["red"]
    older = make_session(plan, kind=Kind.UPDATE, days_ahead=-60)
    earlier = make_session(plan, kind=Kind.UPDATE, days_ahead=-30)
    agree(older, f"action-{red.pk}", process_owner, remedy="Ask the bank")
    agree(earlier, f"close-{red.pk}", process_owner)
    now = make_session(plan, kind=Kind.UPDATE, days_ahead=2)
    html = page(login(process_owner), name, now)
    assert "Last time we agreed" in html
    assert "Call another supplier" in html and "Supplier is late" in html
    assert "Ask the bank" not in html  # only the latest agreement
    # Beside the red action, and only there.
    assert html.count("Last time we agreed") == 1


@pytest.mark.parametrize("name", ["detail", "preread"])
def test_this_session_s_own_and_later_notes_are_not_last_time(
    name, login, plan, team_actions, process_owner
):
    red = team_actions["red"]
    now = make_session(plan, kind=Kind.UPDATE, days_ahead=2)
    later = make_session(plan, kind=Kind.UPDATE, days_ahead=40)
    agree(now, f"action-{red.pk}", process_owner, remedy="Decided today")
    agree(later, f"action-{red.pk}", process_owner, remedy="Something for later")
    html = page(login(process_owner), name, now)
    assert "Last time we agreed" not in html


def test_an_empty_note_is_no_agreement_on_the_agenda(login, plan, team_actions, process_owner):
    earlier = make_session(plan, kind=Kind.UPDATE, days_ahead=-30)
    agree(earlier, f"action-{team_actions['red'].pk}", process_owner, remedy="", reasons="")
    now = make_session(plan, kind=Kind.UPDATE, days_ahead=2)
    assert "Last time we agreed" not in page(login(process_owner), "detail", now)


def test_the_steering_agenda_shows_it_beside_the_priorities_too(
    login, plan, team_actions, process_owner
):
    silent = team_actions["silent"]  # to do: listed under the priorities
    earlier = make_session(plan, kind=Kind.UPDATE, days_ahead=-30)
    agree(earlier, f"action-{silent.pk}", process_owner, remedy="Post the vacancy")
    steering = make_session(plan, kind=Kind.STEERING, days_ahead=2)
    html = page(login(process_owner), "detail", steering)
    assert "Post the vacancy" in html


def test_the_pre_read_reads_it_in_dutch(login, plan, team_actions, process_owner):
    earlier = make_session(plan, kind=Kind.UPDATE, days_ahead=-30)
    agree(earlier, f"action-{team_actions['green'].pk}", process_owner)
    now = make_session(plan, kind=Kind.UPDATE, days_ahead=2)
    html = page(login(process_owner), "preread", now, HTTP_ACCEPT_LANGUAGE="nl")
    assert "Vorige keer spraken we af" in html and "Call another supplier" in html
