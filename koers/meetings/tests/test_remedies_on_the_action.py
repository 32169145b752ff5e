"""Remedies land on the action: what a session agreed about an action shows on its page and
beside it at the next session."""

import pytest
from django.urls import reverse

from koers.meetings import decisions
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


@pytest.fixture
def earlier(plan):
    return make_session(plan, kind=Kind.UPDATE, days_ahead=-30)


def agree(session, action, by, reasons="Supplier is late", remedy="Call another supplier"):
    return decisions.save_note(session, f"action-{action.pk}", by, reasons, remedy)


def test_the_action_page_shows_what_each_session_agreed(
    login, earlier, team_actions, process_owner, member
):
    red = team_actions["red"]
    agree(earlier, red, process_owner)
    url = reverse("actions:detail", args=["acme", earlier.plan_id, red.pk])
    html = login(member).get(url).content.decode()
    assert "Agreed in the sessions" in html
    assert "Supplier is late" in html and "Call another supplier" in html
    other = team_actions["green"]
    url = reverse("actions:detail", args=["acme", earlier.plan_id, other.pk])
    assert "Agreed in the sessions" not in login(member).get(url).content.decode()


def test_the_next_session_shows_last_time_s_agreement_beside_the_action(
    login, plan, earlier, team_actions, process_owner
):
    red = team_actions["red"]
    agree(earlier, red, process_owner)
    now = make_session(plan, kind=Kind.UPDATE, days_ahead=2)
    client = login(process_owner)
    run = reverse("meetings:run", args=["acme", plan.pk, now.pk])
    html = client.get(run).content.decode()  # item 0: the red action
    assert "Last time we agreed" in html and "Call another supplier" in html
    # The earlier session itself does not show its own note as "last time".
    before = reverse("meetings:run", args=["acme", plan.pk, earlier.pk])
    assert "Last time we agreed" not in client.get(before).content.decode()


def test_a_later_session_s_note_is_not_last_time(login, plan, team_actions, process_owner):
    red = team_actions["red"]
    now = make_session(plan, kind=Kind.UPDATE, days_ahead=2)
    later = make_session(plan, kind=Kind.UPDATE, days_ahead=40)
    agree(later, red, process_owner, remedy="Something for later")
    html = (
        login(process_owner)
        .get(reverse("meetings:run", args=["acme", plan.pk, now.pk]))
        .content.decode()
    )
    assert "Something for later" not in html


def test_an_empty_note_is_no_agreement(login, plan, earlier, team_actions, process_owner):
    red = team_actions["red"]
    agree(earlier, red, process_owner, reasons="", remedy="")
    now = make_session(plan, kind=Kind.UPDATE, days_ahead=2)
    html = (
        login(process_owner)
        .get(reverse("meetings:run", args=["acme", plan.pk, now.pk]))
        .content.decode()
    )
    assert "Last time we agreed" not in html


def test_it_reads_in_dutch(login, plan, earlier, team_actions, process_owner):
    agree(earlier, team_actions["red"], process_owner)
    now = make_session(plan, kind=Kind.UPDATE, days_ahead=2)
    html = (
        login(process_owner)
        .get(reverse("meetings:run", args=["acme", plan.pk, now.pk]), HTTP_ACCEPT_LANGUAGE="nl")
        .content.decode()
    )
    assert "Vorige keer spraken we af" in html
