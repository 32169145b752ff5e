"""Session decisions go through the action's versioned rules: no lost update either way."""

from datetime import date

from django.urls import reverse

from koers.actions import rules as action_rules
from koers.meetings.tests.factories import make_session


def url(name, *args):
    return reverse(name, args=["acme", *args])


def test_an_edit_form_opened_before_the_session_cannot_undo_its_owner_change(
    login, plan, team_actions, process_owner, owner, member
):
    red = team_actions["red"]
    session = make_session(plan)
    client = login(process_owner)
    edit_url = url("actions:edit", plan.pk, red.pk)
    client.get(edit_url)  # Peter opens the edit form: version as it is now
    loaded = red.version

    client.post(
        url("meetings:adjust", plan.pk, session.pk),
        {"action": red.pk, "owner": owner.pk, "version": red.version, "item_index": 0},
    )
    red.refresh_from_db()
    assert red.owner == owner and red.version == loaded + 1

    # Peter saves the form he opened before: it still names Mia as owner.
    response = client.post(
        edit_url,
        {
            "strategy": red.strategy_id,
            "title": "Open a webshop today",
            "owner": member.pk,
            "start_date": red.start_date or "",
            "due_date": red.due_date or "",
            "version": loaded,
        },
    )
    assert response.status_code == 422
    assert "Someone else saved a change while you were editing" in response.content.decode()
    red.refresh_from_db()
    assert red.owner == owner and red.title == "Open a webshop"


def test_the_session_sees_a_change_made_meanwhile_instead_of_overwriting_it(
    login, plan, team_actions, process_owner, owner, member
):
    red = team_actions["red"]
    session = make_session(plan)
    client = login(process_owner)
    shown = red.version  # session mode shows the action at this version
    # Meanwhile, the OGSM owner moves its due date on the action's own page.
    action_rules.adjust_action(red, red.version, due_date=date(2027, 8, 1))

    response = client.post(
        url("meetings:adjust", plan.pk, session.pk),
        {"action": red.pk, "owner": owner.pk, "version": shown, "item_index": 0},
        follow=True,
    )
    page = response.content.decode()
    assert "Someone changed “Open a webshop” while the session looked at it" in page
    red.refresh_from_db()
    assert red.owner == member and red.due_date == date(2027, 8, 1)
    assert not session.decisions.exists()
