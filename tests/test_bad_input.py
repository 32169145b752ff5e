"""Careless or hostile input that used to end in a 500: each now gets a 4xx with a message on
the page, and nothing half written (issue 13, finding 7)."""

import pytest
from django.core import mail
from django.urls import reverse

from koers.accounts.models import Invite
from koers.actions.models import Status
from koers.actions.tests.factories import make_action
from koers.analysis.models import Trend
from koers.meetings.models import Decision, Kind, Session
from koers.meetings.tests.factories import make_session


def run_url(name, session):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


@pytest.fixture
def session(plan):
    return make_session(plan, kind=Kind.STEERING)


@pytest.fixture
def action(plan, member):
    return make_action(plan.strategies.get(), member, "Open a webshop")


def test_closing_in_session_mode_with_a_process_but_no_person_is_not_a_500(
    login, session, action, process_owner
):
    response = login(process_owner).post(
        run_url("close_action", session),
        {
            "action": action.pk,
            "criterion": "embedded",
            "process": "Daily stand-up",
            "item_index": 0,
        },
    )
    assert response.status_code == 422
    assert "Choose who carries the follow-up on." in response.content.decode()
    action.refresh_from_db()
    assert action.status != Status.DONE and not Decision.objects.exists()


def test_closing_as_finished_with_a_process_typed_closes_it_without_a_handover(
    login, session, action, process_owner
):
    response = login(process_owner).post(
        run_url("close_action", session),
        {
            "action": action.pk,
            "criterion": "finished",
            "process": "Daily stand-up",
            "item_index": 0,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.DONE and action.handover_process == ""
    assert Decision.objects.get().action == action


@pytest.mark.parametrize("junk", ["abc", "-1", "99999999999999999999", ""])
def test_choosing_priorities_that_are_not_actions_says_so(
    login, session, action, process_owner, junk
):
    response = login(process_owner).post(
        run_url("priorities", session), {"actions": [action.pk, junk], "item_index": 0}
    )
    assert response.status_code == 422
    assert "Choose the priorities among the plan" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Status.TODO and not Decision.objects.exists()


@pytest.mark.parametrize("junk", ["abc", "99999999999999999999", ""])
def test_adjusting_an_action_that_is_not_one_says_so(login, session, action, process_owner, junk):
    response = login(process_owner).post(
        run_url("adjust", session),
        {"action": junk, "version": 1, "colour": "red", "item_index": 0},
    )
    assert response.status_code == 422
    assert "Choose an action of this plan." in response.content.decode()
    assert not Decision.objects.exists()


def test_reviewing_an_evaluation_item_with_a_huge_id_says_so(login, session, process_owner):
    response = login(process_owner).post(
        run_url("review", session),
        {"item": "99999999999999999999", "review": "done", "item_index": 0},
    )
    assert response.status_code == 422


@pytest.mark.parametrize("junk", ["99999999999999999999", "abc", "-3"])
def test_filtering_signals_by_a_trend_that_cannot_exist_says_so(login, owner, workspace, junk):
    Trend.objects.create(workspace=workspace, title="Remote work", category="demography")
    response = login(owner).get(reverse("analysis:signals", args=["acme"]) + f"?trend={junk}")
    assert response.status_code == 400
    assert "There is no such trend; all signals are shown." in response.content.decode()


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T23:00"])
def test_a_session_in_a_year_nobody_means_is_refused_with_a_message(
    login, plan, process_owner, when
):
    response = login(process_owner).post(
        reverse("meetings:new", args=["acme", plan.pk]),
        {"kind": "steering", "starts_at": when, "duration_minutes": 60, "place": "Office"},
    )
    assert response.status_code == 422
    assert "Choose a date between 2000 and 2100." in response.content.decode()
    assert not Session.objects.exists()


def test_a_follow_up_subject_with_a_line_break_is_refused_and_nothing_is_saved(
    login, session, process_owner
):
    response = login(process_owner).post(
        run_url("followup", session),
        {
            "subject": "Results\nBcc: everyone@example.com",
            "text": "Our new text",
            "recipients": "board@example.com",
            "send": "1",
        },
    )
    assert response.status_code == 422
    assert "Write the subject on one line." in response.content.decode()
    session.refresh_from_db()
    assert session.followup_text != "Our new text" and not mail.outbox


def test_inviting_from_a_workspace_whose_name_has_a_line_break_sends_the_mail(
    login, workspace, owner
):
    workspace.name = "Acme\nBcc: everyone@example.com"
    workspace.save()
    response = login(owner).post(
        reverse("accounts:invite", args=["acme"]), {"email": "nina@example.com", "role": "member"}
    )
    assert response.status_code == 302
    assert mail.outbox[0].subject == "You are invited to Acme Bcc: everyone@example.com on Koers"
    assert Invite.objects.get().email == "nina@example.com"


def test_an_invite_whose_mail_cannot_be_sent_is_not_kept(login, owner, monkeypatch):
    def broken_mail(**kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("koers.accounts.services.send_mail", broken_mail)
    client = login(owner)
    client.raise_request_exception = False
    client.post(
        reverse("accounts:invite", args=["acme"]), {"email": "nina@example.com", "role": "member"}
    )
    assert not Invite.objects.exists()


def test_comparing_the_canvas_with_a_version_that_cannot_exist_is_not_a_500(login, owner):
    url = reverse("analysis:canvas_compare", args=["acme"]) + "?older=99999999999999999999"
    assert login(owner).get(url).status_code == 200


def test_an_invite_link_with_a_nul_byte_is_simply_invalid(client, db):
    response = client.get(reverse("accounts:accept_invite", args=["abc\x00def"]))
    assert response.status_code == 410
