"""Session mode as the process owner sees it on the shared screen: each step confirms what it
did, entries can be corrected, and nothing is said twice."""

from django.urls import reverse

from koers.meetings import decisions
from koers.meetings.loading import RUN
from koers.meetings.models import EvaluationItem, Kind, Session
from koers.meetings.tests.factories import index_of, make_session


def url(name, session, *extra):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk, *extra])


def run_item(html) -> str:
    """The item on screen, without the agenda menu or the decisions beside it."""
    return html.split('class="run-item')[1].split("</section>")[0]


def _steering_with_an_earlier_entry(plan):
    first = make_session(plan, kind=Kind.STEERING, days_ahead=-90)
    entry = EvaluationItem.objects.create(
        session=first, topic="process", verdict="stop", text="Long e-mail threads"
    )
    decisions.close_session(first)
    return make_session(plan, kind=Kind.STEERING), entry


def test_a_review_answer_is_confirmed_and_shown_in_one_list(login, plan, process_owner):
    second, entry = _steering_with_an_earlier_entry(plan)
    index = index_of(second, "evaluation-review", RUN)
    client = login(process_owner)
    response = client.post(
        url("review", second),
        {"item": entry.pk, "review": "not_done", "item_index": index},
        follow=True,
    )
    page = response.content.decode()
    assert "“Long e-mail threads”: Not yet." in page
    item = run_item(page)
    assert item.count("Long e-mail threads") == 1  # one list, with its buttons
    assert 'value="not_done" aria-pressed="true">✓ Not yet' in item
    assert 'value="done" aria-pressed="false">We did it' in item


def test_an_evaluation_entry_can_be_corrected_and_removed(login, plan, process_owner):
    session = make_session(plan, kind=Kind.STEERING)
    index = index_of(session, "evaluation", RUN)
    client = login(process_owner)
    client.post(
        url("evaluation", session),
        {"topic": "team", "verdict": "keep", "text": "Stand-up on Mondy", "item_index": index},
    )
    entry = EvaluationItem.objects.get(session=session)
    form = client.get(url("run", session) + f"?item={index}&edit={entry.pk}").content.decode()
    assert 'value="Stand-up on Mondy"' in form

    fix = {"topic": "team", "verdict": "keep", "text": "Stand-up on Monday", "item_index": index}
    page = client.post(
        url("evaluation_edit", session, entry.pk), {**fix, "version": entry.version}, follow=True
    ).content.decode()
    assert "Changed: “Stand-up on Monday”." in page
    entry.refresh_from_db()
    assert entry.text == "Stand-up on Monday"

    # A second screen still showing the old wording cannot overwrite the correction.
    stale = {**fix, "text": "Stand-up daily", "version": entry.version - 1}
    page = client.post(url("evaluation_edit", session, entry.pk), stale, follow=True)
    assert "Someone else saved a change while you were editing" in page.content.decode()
    entry.refresh_from_db()
    assert entry.text == "Stand-up on Monday"

    page = client.post(
        url("evaluation_delete", session, entry.pk), {"item_index": index}, follow=True
    ).content.decode()
    assert "Removed: “Stand-up on Monday”." in page
    assert not EvaluationItem.objects.filter(session=session).exists()


def test_ending_the_session_asks_first(login, plan, process_owner):
    session = make_session(plan)
    client = login(process_owner)
    client.post(url("start", session))
    run = client.get(url("run", session)).content.decode()
    assert f'action="{url("end", session)}"' not in run  # one click does not end it
    confirm = client.get(url("end_confirm", session)).content.decode()
    assert "End the session?" in confirm
    assert "The conclusions and agreements are not written down yet." in confirm
    session.refresh_from_db()
    assert session.state == Session.State.RUNNING
    client.post(url("end", session))
    session.refresh_from_db()
    assert session.state == Session.State.CLOSED


def test_an_action_item_names_its_action_once(login, plan, team_actions, process_owner):
    session = make_session(plan)
    page = login(process_owner).get(url("run", session)).content.decode()
    assert run_item(page).count("Open a webshop") == 1
    agenda = login(process_owner).get(url("detail", session)).content.decode()
    assert agenda.count("Open a webshop") == 1


def test_the_minutes_name_the_strategy_and_an_action_closed_in_the_session(
    login, plan, team_actions, process_owner
):
    session = make_session(plan, kind=Kind.STEERING)
    strategy, red = plan.strategies.get(), team_actions["red"]
    decisions.save_note(session, f"strategy-update-{strategy.pk}", process_owner, "", "On track")
    decisions.save_note(session, f"action-{red.pk}", process_owner, "Supplier late", "")
    decisions.decide_close(session, process_owner, red, "finished")
    minutes = login(process_owner).get(url("minutes", session)).content.decode()
    assert "<h3>Strategy update: Go online</h3>" in minutes
    assert "<h3>Open a webshop</h3>" in minutes
    assert f"action-{red.pk}" not in minutes
