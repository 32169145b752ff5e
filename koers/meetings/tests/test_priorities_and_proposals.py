"""Session mode's priorities: an action back to To do, the priority order per strategy, and
members' proposed actions accepted or rejected; each a versioned change and a decision."""

from datetime import date

import pytest
from django.urls import reverse

from koers.actions.models import Action, Status
from koers.actions.tests.factories import make_action
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Decision, Kind
from koers.meetings.tests.factories import index_of, make_session


def url(name, session):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


@pytest.fixture
def steering(plan):
    return make_session(plan, kind=Kind.STEERING)


@pytest.fixture
def proposal(plan, member):
    return make_action(
        plan.strategies.get(), None, "Bake gluten-free bread", proposed=True, proposed_by=member
    )


def minutes(client, session):
    return client.get(url("minutes", session)).content.decode()


def order(plan):
    return list(
        Action.objects.filter(strategy__plan=plan, archived_at__isnull=True)
        .order_by("position", "pk")
        .values_list("title", flat=True)
    )


def test_an_action_in_progress_goes_back_to_to_do_and_the_minutes_say_so(
    login, steering, team_actions, process_owner
):
    red = team_actions["red"]
    assert red.status == Status.IN_PROGRESS
    client = login(process_owner)
    response = client.post(
        url("back_to_todo", steering),
        {"action": red.pk, "version": red.version, "item_index": 0},
    )
    assert response.status_code == 302
    red.refresh_from_db()
    assert red.status == Status.TODO and red.version == 2
    assert "“Open a webshop” is no priority for now: back to To do." in minutes(client, steering)
    assert steering.decisions.get().type == Decision.Type.BACK_TO_TODO


def test_moving_an_action_up_changes_its_strategy_s_priority_order(
    login, plan, steering, team_actions, process_owner
):
    assert order(plan) == ["Open a webshop", "Print flyers", "Hire a baker"]
    silent = team_actions["silent"]
    client = login(process_owner)
    client.post(
        url("reorder", steering),
        {"action": silent.pk, "version": silent.version, "direction": "up", "item_index": 0},
    )
    assert order(plan) == ["Open a webshop", "Hire a baker", "Print flyers"]
    text = minutes(client, steering)
    assert "“Hire a baker” moved up in the priorities of" in text and "now 2 of 3" in text


def test_moving_the_first_action_up_changes_nothing(
    login, plan, steering, team_actions, process_owner
):
    red = team_actions["red"]
    client = login(process_owner)
    client.post(
        url("reorder", steering),
        {"action": red.pk, "version": red.version, "direction": "up", "item_index": 0},
    )
    assert order(plan) == ["Open a webshop", "Print flyers", "Hire a baker"]
    assert not steering.decisions.exists()


def test_a_colleague_s_edit_meanwhile_is_a_conflict_and_nothing_moves(
    login, plan, steering, team_actions, process_owner
):
    silent = team_actions["silent"]
    seen = silent.version
    silent.title = "Hire two bakers"
    silent.version += 1
    silent.save()
    client = login(process_owner)
    response = client.post(
        url("reorder", steering),
        {"action": silent.pk, "version": seen, "direction": "up", "item_index": 0},
    )
    assert response.status_code == 422
    assert "Someone changed “Hire two bakers” while the session looked at it" in (
        response.content.decode()
    )
    assert order(plan) == ["Open a webshop", "Print flyers", "Hire two bakers"]
    assert not steering.decisions.exists()


def test_an_action_in_to_do_cannot_go_back_to_to_do(login, steering, team_actions, process_owner):
    silent = team_actions["silent"]
    response = login(process_owner).post(
        url("back_to_todo", steering),
        {"action": silent.pk, "version": silent.version, "item_index": 0},
    )
    assert response.status_code == 422
    assert "Only an action in progress can go back to To do." in response.content.decode()


def test_the_priorities_item_lists_the_open_actions_per_strategy_with_their_moves(
    login, steering, team_actions, process_owner, proposal
):
    client = login(process_owner)
    html = client.get(url("run", steering) + f"?item={index_of(steering, 'priorities')}")
    text = html.content.decode()
    assert "the priority order per strategy" in text
    assert text.count("Back to To do</button>") == 2  # the two actions in progress
    assert "Bake gluten-free bread" not in text.split("priority-order")[1]  # not yet accepted


def test_a_member_s_proposal_is_offered_and_accepted_with_owner_and_due_date(
    login, plan, steering, team_actions, proposal, process_owner, member
):
    client = login(process_owner)
    item = index_of(steering, "proposals")
    page = client.get(url("run", steering) + f"?item={item}").content.decode()
    assert "Bake gluten-free bread" in page and "Proposed by" in page
    response = client.post(
        url("accept_proposal", steering),
        {
            "action": proposal.pk,
            "version": proposal.version,
            "owner": member.pk,
            "due_date": "2027-09-30",
            "item_index": item,
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert not proposal.proposed
    assert (proposal.owner, proposal.due_date) == (member, date(2027, 9, 30))
    text = minutes(client, steering)
    assert "Proposal “Bake gluten-free bread” by" in text and "accepted: owner" in text
    # Accepted, it is no longer offered: the item leaves the agenda.
    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(steering)))]
    assert "proposals" not in keys


def test_accepting_without_an_owner_is_refused_and_writes_nothing(
    login, steering, proposal, process_owner
):
    response = login(process_owner).post(
        url("accept_proposal", steering),
        {"action": proposal.pk, "version": proposal.version, "due_date": "2027-09-30"},
    )
    assert response.status_code == 422
    proposal.refresh_from_db()
    assert proposal.proposed and not proposal.decisions.exists()


def test_a_rejected_proposal_leaves_the_plan_with_its_reason_in_the_minutes(
    login, plan, steering, proposal, process_owner
):
    client = login(process_owner)
    response = client.post(
        url("reject_proposal", steering),
        {"action": proposal.pk, "version": proposal.version, "reason": "Not this year"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.archived_at is not None  # retired, its history kept
    assert "Proposal “Bake gluten-free bread” by" in minutes(client, steering)
    assert "rejected: Not this year" in minutes(client, steering)


def test_rejecting_without_a_reason_is_refused(login, steering, proposal, process_owner):
    response = login(process_owner).post(
        url("reject_proposal", steering),
        {"action": proposal.pk, "version": proposal.version, "reason": ""},
    )
    assert response.status_code == 422
    proposal.refresh_from_db()
    assert proposal.archived_at is None


def test_an_action_of_the_plan_cannot_be_rejected_as_a_proposal(
    login, steering, team_actions, process_owner
):
    red = team_actions["red"]
    response = login(process_owner).post(
        url("reject_proposal", steering),
        {"action": red.pk, "version": red.version, "reason": "Gone"},
    )
    assert response.status_code == 422
    assert "This action is not a proposal." in response.content.decode()
    red.refresh_from_db()
    assert red.archived_at is None


def test_a_member_cannot_decide_on_proposals(login, steering, proposal, member):
    response = login(member).post(
        url("accept_proposal", steering),
        {"action": proposal.pk, "version": proposal.version, "owner": member.pk},
    )
    assert response.status_code == 403


def test_the_plan_session_offers_proposals_and_priorities_too(plan, team_actions, proposal):
    session = make_session(plan, kind=Kind.PLAN)
    items = {i.key: i for i in flat_items(build_agenda(load_agenda_data(session)))}
    assert [a.title for a in items["proposals"].actions] == ["Bake gluten-free bread"]
    assert [a.title for a in items["priorities"].entries] == [
        "Open a webshop",
        "Print flyers",
        "Hire a baker",
    ]


def test_the_decisions_read_in_dutch_for_a_dutch_reader(
    login, steering, team_actions, process_owner
):
    red = team_actions["red"]
    client = login(process_owner)
    client.post(
        url("back_to_todo", steering),
        {"action": red.pk, "version": red.version, "item_index": 0},
    )
    process_owner.language = "nl"
    process_owner.save()
    assert "terug naar Te doen" in minutes(client, steering)
