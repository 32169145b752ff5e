"""The end of a session: every session has a place for its conclusions, ending asks first, and
the minutes name what each note was about."""

import pytest
from django.urls import reverse

from koers.actions import rules as action_rules
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


def url(name, session):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


def _conclude(client, session, text, index):
    return client.post(
        url("note", session), {"item_key": "conclusions", "remedy": text, "item_index": index}
    )


@pytest.mark.parametrize("kind", [Kind.UPDATE, Kind.STEERING, Kind.PLAN])
def test_a_session_with_nothing_to_decide_still_records_its_conclusions(
    login, plan, process_owner, kind
):
    session = make_session(plan, kind=kind)
    client = login(process_owner)
    page = client.get(url("run", session)).content.decode()
    assert "Conclusions and agreements" in page
    _conclude(client, session, "We meet again in a month", 0)
    minutes = client.get(url("minutes", session)).content.decode()
    assert "Conclusions and agreements" in minutes and "We meet again in a month" in minutes


def test_closing_the_last_ready_action_keeps_the_conclusions(
    login, plan, team_actions, process_owner, member
):
    """Flyers are ready; closing them empties "Actions ready to close", not the conclusions."""
    flyers = team_actions["green"]
    action_rules.post_update(flyers, member, did="Printed", progress=100, colour="green")
    session = make_session(plan)
    client = login(process_owner)
    run = client.get(url("run", session)).content.decode()
    ready_index = run.count('href="?item=') - 2  # the ready item comes just before the closing
    _conclude(client, session, "Flyers go out on Monday", ready_index + 1)
    response = client.post(
        url("close_action", session),
        {"action": flyers.pk, "criterion": "finished", "item_index": ready_index},
        follow=True,
    )
    page = response.content.decode()
    # The page stays on the item that took the closed one's place: the conclusions, intact.
    assert '<h2 class="run-title">Conclusions and agreements</h2>' in page
    assert "Flyers go out on Monday" in page
    assert "Actions ready to close" not in page.split("agenda-nav")[1].split("</nav>")[0]
