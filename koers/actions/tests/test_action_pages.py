"""The action list, board and action page as the team uses them."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import make_user
from koers.accounts.models import Role, Workspace
from koers.actions import rules
from koers.actions.models import Action, DefinitionOfDone, Status
from koers.actions.tests.factories import days_ago, make_action

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def strategy(plan):
    return plan.strategies.get()


def url(name, plan, *args):
    return reverse(f"actions:{name}", args=["acme", plan.pk, *args])


def test_the_list_shows_actions_grouped_by_strategy(login, plan, strategy, member):
    make_action(strategy, member, "Open webshop")
    html = login(member).get(url("list", plan)).content.decode()
    assert "Go online" in html and "Open webshop" in html and "Mia" in html


def test_filters_narrow_the_list_and_htmx_gets_only_the_results(login, plan, strategy, member):
    red = make_action(strategy, member, "Red one")
    rules.post_update(red, member, did="x", progress=10, colour="red")
    make_action(strategy, member, "Green one", colour="green")
    response = login(member).get(url("list", plan), {"colour": "red"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "Red one" in html and "Green one" not in html


def test_filtering_on_an_owner_finds_co_owned_actions_too(login, plan, strategy, member, owner):
    make_action(strategy, member, "Mine")
    make_action(strategy, owner, "Shared").co_owners.add(member)
    make_action(strategy, owner, "Hers")
    query = {"owner": member.pk, "strategy": strategy.pk}
    html = login(member).get(url("list", plan), query).content.decode()
    assert "Mine" in html and "Shared" in html and "Hers" not in html
    assert f'<option value="{member.pk}" selected>Mia</option>' in html


def test_overdue_and_stale_filters(login, plan, strategy, member):
    make_action(strategy, member, "Late", start_date=date(2020, 1, 1), due_date=date(2020, 2, 1))
    fresh = make_action(strategy, member, "Fresh")
    Action.objects.filter(pk=fresh.pk).update(last_update_at=days_ago(1))
    stale = make_action(strategy, member, "Stale")
    Action.objects.filter(pk=stale.pk).update(last_update_at=days_ago(40))
    client = login(member)
    overdue = client.get(url("list", plan), {"overdue": "on"}).content.decode()
    assert "Late" in overdue and "Fresh" not in overdue
    quiet = client.get(url("list", plan), {"stale_weeks": "4"}).content.decode()
    assert "Stale" in quiet and "Late" in quiet and "Fresh" not in quiet


def test_the_board_has_a_column_per_status(login, plan, strategy, member):
    make_action(strategy, member, "Waiting")
    make_action(strategy, member, "Busy", status=Status.IN_PROGRESS)
    html = login(member).get(url("board", plan)).content.decode()
    board = html[html.index('id="board"') :]
    positions = [
        board.index(text)
        for text in ('id="col-todo"', "Waiting", 'id="col-in_progress"', "Busy", 'id="col-done"')
    ]
    assert positions == sorted(positions)


def test_a_member_starts_their_own_action_from_the_board(login, plan, strategy, member):
    action = make_action(strategy, member)
    response = login(member).post(
        url("status", plan, action.pk), {"status": "in_progress", "back": "board"}
    )
    assert response["Location"] == url("board", plan)
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS


def test_a_member_cannot_move_someone_elses_action(login, plan, strategy, member, owner):
    action = make_action(strategy, owner)
    response = login(member).post(url("status", plan, action.pk), {"status": "in_progress"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == Status.TODO


def test_the_owner_posts_an_update_inline(login, plan, strategy, member, owner):
    action = make_action(strategy, member)
    response = login(member).post(
        url("update", plan, action.pk),
        {
            "did": "Called suppliers",
            "next": "Order",
            "need": "A budget",
            "need_from": owner.pk,
            "progress": 35,
            "colour": "orange",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Called suppliers" in html and "35%" in html
    action.refresh_from_db()
    assert (action.progress, action.colour) == (35, "orange")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"did": "x", "progress": 140, "colour": "green"},
            "Ensure this value is less than or equal to 100.",
        ),
        ({"progress": 10, "colour": "green"}, "Say at least what you did"),
        ({"did": "x", "progress": 10}, "This field is required."),
    ],
)
def test_bad_updates_show_errors_and_save_nothing(login, plan, strategy, member, data, error):
    action = make_action(strategy, member)
    response = login(member).post(url("update", plan, action.pk), data)
    assert response.status_code == 422 and error in response.content.decode()
    assert not action.updates.exists()


def test_the_process_owner_updates_on_behalf_of_the_owner(
    login, plan, strategy, member, process_owner
):
    action = make_action(strategy, member)
    login(process_owner).post(
        url("update", plan, action.pk), {"did": "Asked Mia", "progress": 20, "colour": "green"}
    )
    update = action.updates.get()
    assert update.author == process_owner and update.on_behalf_of == member
    html = login(member).get(url("detail", plan, action.pk)).content.decode()
    assert "for Mia" in html


def test_closing_with_a_handover_shows_how_it_was_closed(login, plan, strategy, member, owner):
    action = make_action(strategy, member)
    client = login(owner)
    assert "Our definition of done" in client.get(url("close", plan, action.pk)).content.decode()
    client.post(
        url("close", plan, action.pk),
        {"criterion": "embedded", "process": "Weekly stock count", "carried_by": member.pk},
    )
    html = client.get(url("detail", plan, action.pk)).content.decode()
    assert "How it was closed" in html and "Weekly stock count" in html


def test_closing_with_follow_up_but_no_process_is_refused(login, plan, strategy, member, owner):
    action = make_action(strategy, member)
    response = login(owner).post(url("close", plan, action.pk), {"criterion": "embedded"})
    assert response.status_code == 422
    assert "Name the process that carries the follow-up." in response.content.decode()
    action.refresh_from_db()
    assert action.status == Status.TODO


def test_due_before_start_is_refused(login, plan, strategy, owner):
    response = login(owner).post(
        url("new", plan),
        {
            "strategy": strategy.pk,
            "title": "Backwards",
            "start_date": "2027-05-01",
            "due_date": "2027-04-01",
        },
    )
    assert response.status_code == 422
    assert "The due date cannot be before the start date." in response.content.decode()
    assert not Action.objects.exists()


def test_a_members_proposal_waits_for_the_ogsm_owner(login, plan, strategy, member, owner):
    login(member).post(
        url("new", plan), {"strategy": strategy.pk, "title": "My idea", "owner": member.pk}
    )
    action = Action.objects.get(title="My idea")
    assert action.proposed
    assert login(member).post(url("accept", plan, action.pk)).status_code == 403
    login(owner).post(url("accept", plan, action.pk))
    action.refresh_from_db()
    assert not action.proposed


def test_two_editors_never_overwrite_each_other(login, plan, strategy, member, owner):
    action = make_action(strategy, member, "Original")
    loaded = action.version
    Action.objects.filter(pk=action.pk).update(title="Theirs", version=loaded + 1)
    response = login(owner).post(
        url("edit", plan, action.pk),
        {
            "strategy": strategy.pk,
            "title": "Mine",
            "version": loaded,
        },
    )
    html = response.content.decode()
    assert response.status_code == 422 and "Someone else saved a change" in html
    assert 'value="Mine"' in html
    action.refresh_from_db()
    assert action.title == "Theirs"


def test_removing_asks_first_and_keeps_history(login, plan, strategy, member, owner):
    action = make_action(strategy, member, "To remove")
    client = login(owner)
    assert (
        "Its updates stay in the history"
        in client.get(url("delete", plan, action.pk)).content.decode()
    )
    client.post(url("delete", plan, action.pk))
    assert "To remove" not in client.get(url("list", plan)).content.decode()
    assert Action.objects.filter(pk=action.pk).exists()


def test_the_owner_edits_the_definition_of_done(login, plan, owner, member):
    login(owner).post(url("definition_of_done", plan), {"text": "Ours.", "version": 1})
    html = login(member).get(url("definition_of_done", plan)).content.decode()
    assert "Ours." in html


def test_a_strategy_owner_posts_a_strategy_update(login, plan, strategy, member, viewer):
    login(member).post(
        url("strategy_update", plan, strategy.pk), {"did": "Webshop live", "colour": "orange"}
    )
    html = login(viewer).get(url("strategy_update", plan, strategy.pk)).content.decode()
    assert "Webshop live" in html and "Post a strategy update" not in html


def test_the_team_reorders_actions_within_a_strategy(login, plan, strategy, member, process_owner):
    first = make_action(strategy, member, "First", position=0)
    second = make_action(strategy, member, "Second", position=1)
    assert login(member).post(url("move", plan, second.pk), {"direction": "up"}).status_code == 403
    login(process_owner).post(url("move", plan, second.pk), {"direction": "up"})
    html = login(member).get(url("list", plan)).content.decode()
    assert html.index("Second") < html.index("First")
    first.refresh_from_db()
    assert first.position == 1


def test_reading_the_definition_of_done_writes_nothing(login, plan, owner, member):
    action = make_action(plan.strategies.get(), member, "Bake")
    revision = Workspace.objects.get(pk=plan.workspace_id).revision
    client = login(owner)
    assert "really finished" in client.get(url("definition_of_done", plan)).content.decode()
    assert "really finished" in client.get(url("close", plan, action.pk)).content.decode()
    assert not DefinitionOfDone.objects.exists()
    assert Workspace.objects.get(pk=plan.workspace_id).revision == revision


def test_two_owners_wording_the_first_definition_of_done_do_not_overwrite_each_other(
    login, plan, owner
):
    co_owner = make_user("oscar")
    plan.workspace.memberships.create(user=co_owner, role=Role.OGSM_OWNER)
    first, second = login(owner), login(co_owner)
    form = second.get(url("definition_of_done", plan)).content.decode()
    assert 'name="version" value="0"' in form
    first.post(url("definition_of_done", plan), {"text": "Ours.", "version": 0})
    response = second.post(url("definition_of_done", plan), {"text": "Mine.", "version": 0})
    assert response.status_code == 422
    assert DefinitionOfDone.objects.get().text == "Ours."
