"""Session mode: decisions change the plan on the spot and land in the minutes."""

import pytest
from django.urls import reverse

from koers.actions.models import Action, DoneCriterion, Status
from koers.meetings import decisions
from koers.meetings.models import Decision, EvaluationItem, Kind, Session
from koers.meetings.tests.factories import make_session


def url(name, session):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


@pytest.fixture
def session(plan):
    return make_session(plan)


def test_session_mode_walks_the_agenda_item_by_item(
    login, session, team_actions, process_owner, owner
):
    from koers.actions import rules as action_rules

    action_rules.post_update(
        team_actions["silent"], owner, did="Ad placed", progress=10, colour="orange"
    )
    client = login(process_owner)
    first = client.get(url("run", session)).content.decode()
    assert "Item 1 of 3" in first and "Open a webshop" in first and "Chose a platform" in first
    assert "Print flyers" not in first.split("run-item")[1]  # green: not on this agenda
    second = client.get(url("run", session) + "?item=1").content.decode()
    assert "Item 2 of 3" in second and "Ad placed" in second


def test_a_member_cannot_run_the_session(login, session, member):
    assert login(member).get(url("run", session)).status_code == 403


def test_reasons_and_remedy_are_recorded_in_the_minutes(
    login, session, team_actions, process_owner
):
    client = login(process_owner)
    key = f"action-{team_actions['red'].pk}"
    client.post(
        url("note", session),
        {
            "item_key": key,
            "reasons": "Supplier is late",
            "remedy": "Call another supplier",
            "item_index": 0,
        },
    )
    html = client.get(url("minutes", session)).content.decode()
    assert "Supplier is late" in html and "Call another supplier" in html
    assert "Open a webshop" in html  # the note carries its agenda item's title


def test_deciding_a_new_action_adds_it_to_the_plan(login, session, plan, process_owner, member):
    login(process_owner).post(
        url("new_action", session),
        {
            "strategy": plan.strategies.get().pk,
            "title": "Ask for quotes",
            "owner": member.pk,
            "due_date": "2027-03-01",
            "item_index": 0,
        },
    )
    action = Action.objects.get(title="Ask for quotes")
    assert not action.proposed and action.owner == member
    decision = session.decisions.get()
    assert decision.type == Decision.Type.NEW_ACTION and decision.decided_by == process_owner
    assert "Ask for quotes" in decision.summary


def test_closing_in_the_session_uses_the_definition_of_done(
    login, session, team_actions, process_owner, member
):
    red = team_actions["red"]
    login(process_owner).post(
        url("close_action", session),
        {
            "action": red.pk,
            "criterion": "embedded",
            "process": "Weekly ordering",
            "carried_by": member.pk,
            "item_index": 0,
        },
    )
    red.refresh_from_db()
    assert red.status == Status.DONE and red.done_criterion == DoneCriterion.EMBEDDED
    assert "Weekly ordering" in session.decisions.get().summary


def test_adjusting_owner_due_date_and_colour_records_each_change(
    login, session, team_actions, process_owner, owner
):
    red = team_actions["red"]
    login(process_owner).post(
        url("adjust", session),
        {
            "action": red.pk,
            "owner": owner.pk,
            "due_date": "2027-09-30",
            "colour": "orange",
            "version": red.version,
            "item_index": 0,
        },
    )
    red.refresh_from_db()
    assert (red.owner, str(red.due_date), red.colour) == (owner, "2027-09-30", "orange")
    assert red.updates.first().author == process_owner  # the colour came with an update
    types = sorted(session.decisions.values_list("type", flat=True))
    assert types == ["colour", "due_date", "owner"]


def test_priority_actions_become_in_progress_in_one_step(login, plan, team_actions, process_owner):
    steering = make_session(plan, kind=Kind.STEERING)
    silent = team_actions["silent"]
    login(process_owner).post(
        url("priorities", steering), {"actions": [silent.pk], "item_index": 0}
    )
    silent.refresh_from_db()
    assert silent.status == Status.IN_PROGRESS
    assert steering.decisions.get().type == Decision.Type.PRIORITY


def test_start_keep_stop_items_come_back_at_the_next_steering_session(login, plan, process_owner):
    first = make_session(plan, kind=Kind.STEERING, days_ahead=-90)
    client = login(process_owner)
    client.post(
        url("evaluation", first),
        {"topic": "process", "verdict": "stop", "text": "Long e-mail threads", "item_index": 0},
    )
    decisions.close_session(first)
    second = make_session(plan, kind=Kind.STEERING, days_ahead=5)
    html = client.get(url("run", second) + "?item=1").content.decode()
    agenda = client.get(url("detail", second)).content.decode()
    assert "What we agreed last time" in agenda and "Long e-mail threads" in agenda
    item = EvaluationItem.objects.get()
    client.post(url("review", second), {"item": item.pk, "review": "done", "item_index": 0})
    item.refresh_from_db()
    assert item.review == "done" and item.reviewed_in == second
    assert html  # the page renders


def test_a_closed_session_no_longer_changes(login, session, team_actions, process_owner):
    decisions.close_session(session)
    response = login(process_owner).post(
        url("note", session), {"item_key": "x", "remedy": "Late note", "item_index": 0}
    )
    assert response.status_code == 422
    assert "This session is closed" in response.content.decode()
    assert not session.notes.exists()


def test_ending_the_session_leads_to_the_minutes(login, session, process_owner):
    client = login(process_owner)
    client.post(url("start", session))
    response = client.post(url("end", session))
    assert response["Location"] == url("minutes", session)
    session.refresh_from_db()
    assert session.state == Session.State.CLOSED and session.ended_at


def test_every_field_on_the_session_mode_page_has_its_own_label(
    login, session, team_actions, process_owner
):
    import re
    from collections import Counter

    html = login(process_owner).get(url("run", session)).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    for target in re.findall(r'<label for="([^"]+)"', html):
        assert ids[target] == 1, f"label for {target} points at nothing"


def test_the_evaluation_follows_the_methods_order_of_topics_and_verdicts(
    login, plan, process_owner
):
    steering = make_session(plan, kind=Kind.STEERING)
    client = login(process_owner)
    for topic, verdict in [("facilities", "stop"), ("team", "keep"), ("team", "start")]:
        client.post(
            url("evaluation", steering),
            {"topic": topic, "verdict": verdict, "text": f"{topic} {verdict}", "item_index": 0},
        )
    assert [str(e) for e in steering.evaluation.all()] == [
        "team start",
        "team keep",
        "facilities stop",
    ]


def test_each_reader_sees_the_decisions_in_their_own_language(
    login, session, team_actions, process_owner, member
):
    from datetime import date

    from django.utils import translation

    with translation.override("en"):
        red = team_actions["red"]
        decisions.decide_adjustment(
            session, process_owner, red, red.version, due_date=date(2027, 3, 5), colour="orange"
        )
    member.language = "nl"
    member.save(update_fields=["language"])
    dutch = login(member).get(url("minutes", session)).content.decode()
    assert "“Open a webshop”: kleur Rood → Oranje." in dutch
    assert "“Open a webshop”: deadline 30 jun 2027 → 5 mrt 2027." in dutch  # koers/formats/nl
    english = login(process_owner).get(url("minutes", session)).content.decode()
    assert "“Open a webshop”: colour Red → Orange." in english
    assert "“Open a webshop”: due date 30 Jun 2027 → 5 Mar 2027." in english


def shown_items(client, session) -> list[str]:
    """The item panel of every step of session mode, in agenda order."""
    address, panels, index = url("run", session), [], 0
    while True:
        html = client.get(f"{address}?item={index}").content.decode()
        panels.append(html.split('class="run-item panel"', 1)[1].split("</section>", 1)[0])
        if f'href="?item={index + 1}"' not in html:
            return panels
        index += 1


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (Kind.STEERING, ["Stand-up", "Mill closes", "Our town in 2030"]),
        # The plan session's SWOT review and its year in view both name "Grain prices" (a
        # risk added this year, a trend rescored): its signals and scenarios are its own.
        (Kind.PLAN, ["Mill closes", "Our town in 2030"]),
    ],
)
def test_each_item_of_session_mode_shows_its_entries(
    kind, expected, login, plan, process_owner, member
):
    from koers.meetings.tests.test_query_counts import furnish

    session = make_session(plan, kind=kind)
    furnish(plan, member)
    panels = shown_items(login(process_owner), session)
    for entry in expected:  # on its own item: each is read only when its item is shown
        assert sum(entry in panel for panel in panels) == 1, entry


def test_the_plan_session_looks_at_signals_and_scenarios_even_when_there_are_none(
    login, plan, process_owner
):
    session = make_session(plan, kind=Kind.PLAN)
    panels = "".join(shown_items(login(process_owner), session))
    assert "No signals recorded in the past twelve months" in panels
    assert "No scenario sets yet" in panels
