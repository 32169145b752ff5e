"""The action plan's rules, as plain functions."""

import pytest

from koers.accounts.models import Membership
from koers.actions import rules
from koers.actions.models import Action, DoneCriterion, Status
from koers.actions.tests.factories import make_action


@pytest.fixture
def strategy(plan):
    return plan.strategies.get()


def membership_of(user):
    return Membership.objects.select_related("user").get(user=user)


def test_an_update_sets_the_progress_and_colour_of_the_action(strategy, member):
    action = make_action(strategy, member)
    rules.post_update(action, member, did="Baked", progress=40, colour="orange")
    action.refresh_from_db()
    assert (action.progress, action.colour, action.status) == (40, "orange", Status.IN_PROGRESS)
    assert action.last_update_at is not None


def test_the_timeline_remembers_what_changed(strategy, member):
    action = make_action(strategy, member)
    rules.post_update(action, member, did="a", progress=20, colour="green")
    second = rules.post_update(action, member, did="b", progress=30, colour="red")
    assert (second.previous_progress, second.previous_colour) == (20, "green")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"progress": 140, "colour": "green", "did": "x"}, "0 to 100"),
        ({"progress": 10, "colour": "green"}, "at least"),
        ({"progress": 10, "colour": "purple", "did": "x"}, "green, orange or red"),
    ],
)
def test_bad_updates_are_refused_and_change_nothing(strategy, member, fields, message):
    action = make_action(strategy, member)
    with pytest.raises(rules.ActionError, match=message):
        rules.post_update(action, member, **fields)
    action.refresh_from_db()
    assert action.progress == 0 and not action.updates.exists()


def test_a_need_addressed_to_someone_must_say_what_is_needed(strategy, member, owner):
    action = make_action(strategy, member)
    with pytest.raises(rules.ActionError):
        rules.post_update(action, member, did="x", need_from=owner, progress=5, colour="green")


def test_owners_and_the_team_leads_may_update_but_others_not(strategy, users):
    action = make_action(strategy, users["member"])
    allowed = {
        role: rules.can_update(membership_of(users[role]), action)
        for role in ("viewer", "member", "process_owner", "owner")
    }
    assert allowed == {"viewer": False, "member": True, "process_owner": True, "owner": True}
    other = make_action(strategy, users["owner"])
    assert not rules.can_update(membership_of(users["member"]), other)
    other.co_owners.add(users["member"])
    other = Action.objects.prefetch_related("co_owners").get(pk=other.pk)
    assert rules.can_update(membership_of(users["member"]), other)


def test_a_members_new_action_is_a_proposal_until_accepted(strategy, member):
    action = rules.create_action(strategy, membership_of(member), title="Idea", owner=member)
    assert action.proposed and action.proposed_by == member and action.status == Status.TODO
    rules.accept_proposal(action)
    action.refresh_from_db()
    assert not action.proposed


def test_a_viewer_cannot_add_actions(strategy, viewer):
    with pytest.raises(rules.ActionError):
        rules.create_action(strategy, membership_of(viewer), title="No")


def test_closing_as_finished_needs_no_handover(strategy, member, owner):
    action = make_action(strategy, member)
    rules.close_action(action, owner, DoneCriterion.FINISHED, process="ignored")
    action.refresh_from_db()
    assert action.status == Status.DONE and action.progress == 100
    assert action.handover_process == "" and action.closed_by == owner


def test_closing_with_follow_up_in_a_process_names_process_and_person(strategy, member, owner):
    action = make_action(strategy, member)
    with pytest.raises(rules.ActionError, match="process"):
        rules.close_action(action, owner, DoneCriterion.EMBEDDED, process="Daily close")
    rules.close_action(action, owner, DoneCriterion.EMBEDDED, "Daily close", carried_by=member)
    action.refresh_from_db()
    assert (action.handover_process, action.handover_owner) == ("Daily close", member)


def test_done_goes_only_through_closing_and_can_be_reopened(strategy, member, owner):
    action = make_action(strategy, member)
    with pytest.raises(rules.ActionError):
        rules.set_status(action, Status.DONE)
    rules.close_action(action, owner, DoneCriterion.FINISHED)
    with pytest.raises(rules.ActionError):
        rules.post_update(action, member, did="x", progress=10, colour="green")
    rules.reopen_action(action)
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS and action.closed_at is None


def test_a_request_is_answered_once(strategy, member, owner):
    action = make_action(strategy, member)
    update = rules.post_update(
        action, member, need="Budget", need_from=owner, progress=5, colour="orange"
    )
    rules.answer_request(update, owner)
    assert update.need_answered_by == owner
    with pytest.raises(rules.ActionError):
        rules.answer_request(update, owner)


def test_the_definition_of_done_defaults_to_the_two_criteria(plan):
    text = rules.definition_of_done(plan).text
    assert "really finished" in text and "daily process" in text


def test_removing_an_action_keeps_it_and_its_history(strategy, member):
    action = make_action(strategy, member)
    rules.post_update(action, member, did="x", progress=10, colour="green")
    rules.archive_action(action)
    assert Action.objects.filter(pk=action.pk, archived_at__isnull=False).exists()
    assert action.updates.count() == 1
