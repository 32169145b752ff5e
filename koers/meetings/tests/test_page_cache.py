"""The cached session pages are never stale: after every change a page shows it equals a fresh
rendering, also when a session's start time passes during the day."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import Membership, Role
from koers.actions import rules as action_rules
from koers.lib.versioning import save_versioned
from koers.meetings import decisions, rounds
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Kind, Session
from koers.meetings.tests.factories import make_session
from tests.pages import assert_fresh, html

KINDS = [Kind.UPDATE, Kind.STEERING, Kind.PLAN]


def url(page, session):
    args = [] if page == "list" else [session.pk]
    return reverse(f"meetings:{page}", args=["acme", session.plan_id, *args])


def first_item_key(session):
    return flat_items(build_agenda(load_agenda_data(session)))[0].key


def change(kind, session, team_actions, process_owner, member):
    """Make one change of `kind` through the rules, as a user or the mailer would."""
    plan = session.plan
    if kind == "action update":  # a green action turns red: on every agenda, in the pre-read
        action_rules.post_update(
            team_actions["green"], member, did="Oven is late", progress=60, colour="red"
        )
    elif kind == "strategy update":
        action_rules.post_strategy_update(
            plan.strategies.get(), member, did="Webshop live", colour="orange"
        )
    elif kind == "note":
        decisions.save_note(
            session, first_item_key(session), process_owner, "Supplier is late", "Call another"
        )
    elif kind == "decision":
        red = team_actions["red"]
        decisions.decide_adjustment(
            session, process_owner, red, red.version, due_date=date(2027, 9, 30)
        )
    elif kind == "new action":
        decisions.decide_new_action(
            session,
            Membership.objects.get(user=process_owner),
            plan.strategies.get(),
            "Ask for quotes",
            member,
            date(2027, 5, 1),
        )
    elif kind == "evaluation":
        decisions.add_evaluation_item(session, process_owner, "team", "keep", "The stand-up")
    elif kind == "start":
        decisions.start_session(session)
    elif kind == "close":
        decisions.close_session(session)
    elif kind == "share pre-read":
        rounds.share_preread(session, send=lambda user: None)
    elif kind == "reschedule":  # to yesterday: from "Coming up" to "Earlier"
        session.starts_at = timezone.now() - timedelta(days=1)
        save_versioned(session, ["starts_at"], session.version)
    elif kind == "new session":
        make_session(plan, kind=Kind.STEERING, days_ahead=40)
    else:
        raise AssertionError(kind)


# Per page, the changes it shows for every kind of session.
CHANGES = {
    "list": ["start", "close", "reschedule", "new session"],
    "detail": ["action update", "start", "close", "share pre-read", "reschedule"],
    "preread": ["action update", "strategy update", "reschedule"],
    "run": ["note", "decision", "new action", "start", "close"],
    "minutes": ["note", "decision", "new action", "evaluation", "start", "close"],
}
CASES = [(page, kind) for page, kinds in CHANGES.items() for kind in kinds]


@pytest.mark.parametrize("session_kind", KINDS)
@pytest.mark.parametrize(("page", "kind"), CASES)
def test_no_change_leaves_a_stale_session_page(
    page, kind, session_kind, login, plan, team_actions, process_owner, member
):
    session = make_session(plan, kind=session_kind)
    address = url(page, session)
    client = login(process_owner)
    before = html(client, address)  # fills the cache
    assert html(client, address) == before
    change(kind, Session.objects.get(pk=session.pk), team_actions, process_owner, member)
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    assert after != before, f"{page} does not show: {kind}"


def coming_up(page):
    """The part of the session list under "Coming up" (the rest is "Earlier")."""
    return page.split("Coming up")[1].split("Earlier")[0]


@pytest.mark.parametrize("session_kind", KINDS)
def test_a_session_moves_to_earlier_at_its_start_not_at_midnight(
    session_kind, login, plan, process_owner
):
    starts = datetime(2027, 3, 10, 12, 30, tzinfo=UTC)
    with time_machine.travel(starts - timedelta(hours=1), tick=False) as traveller:
        session = Session.objects.create(plan=plan, kind=session_kind, starts_at=starts)
        client = login(process_owner)
        before = html(client, url("list", session))  # fills the cache
        assert session.get_kind_display() in coming_up(before)
        traveller.move_to(starts + timedelta(minutes=1))  # the same day, nothing else changed
        after = html(client, url("list", session))
        assert_fresh(client, url("list", session), after)
        assert session.get_kind_display() not in coming_up(after)
        assert session.get_kind_display() in after.split("Earlier")[1]


def test_a_running_session_stays_under_coming_up_after_its_start(login, plan, process_owner):
    starts = datetime(2027, 3, 10, 12, 30, tzinfo=UTC)
    with time_machine.travel(starts, tick=False) as traveller:
        session = Session.objects.create(plan=plan, kind=Kind.UPDATE, starts_at=starts)
        decisions.start_session(session)
        client = login(process_owner)
        client.get(url("list", session))
        html(client, url("list", session))
        traveller.move_to(starts + timedelta(minutes=30))
        after = html(client, url("list", session))
        assert_fresh(client, url("list", session), after)
        assert "running now" in coming_up(after)


def test_a_new_role_shows_its_buttons_at_once(login, plan, member):
    session = make_session(plan)
    client = login(member)
    client.get(url("detail", session))
    assert "Start the session" not in html(client, url("detail", session))
    membership = Membership.objects.get(user=member)
    membership.role = Role.PROCESS_OWNER
    membership.save()
    assert "Start the session" in html(client, url("detail", session))


def test_a_step_in_session_mode_shows_its_message_once(login, plan, team_actions, process_owner):
    session = make_session(plan)
    client = login(process_owner)
    html(client, url("run", session))  # fills the cache
    response = client.post(
        reverse("meetings:note", args=["acme", plan.pk, session.pk]),
        {"item_key": first_item_key(session), "reasons": "", "remedy": "Call another"},
        follow=True,
    )
    assert "Noted." in response.content.decode()  # the page after the step, with its message
    after = html(client, url("run", session))
    assert "Noted." not in after and "Call another" in after
    assert_fresh(client, url("run", session), after)


@pytest.mark.parametrize("page", ["detail", "run", "preread", "minutes"])
@pytest.mark.parametrize("session_id", [0, 2**63, 10**30])
def test_a_session_number_that_cannot_exist_is_not_found(
    page, session_id, login, plan, process_owner
):
    url = reverse(f"meetings:{page}", args=["acme", plan.pk, session_id])
    assert login(process_owner).get(url).status_code == 404


def test_a_session_of_another_plan_is_not_found_through_this_one(login, plan, process_owner):
    other = plan.workspace.plans.create(
        name="Other", period="2028", start_date=date(2028, 1, 1), end_date=date(2028, 12, 31)
    )
    session = make_session(other)
    url = reverse("meetings:detail", args=["acme", plan.pk, session.pk])
    assert login(process_owner).get(url).status_code == 404


@pytest.mark.parametrize("page", ["detail", "run", "preread", "minutes", "preread_pdf"])
def test_a_deleted_session_is_not_served_from_the_cache(page, login, plan, process_owner):
    session = make_session(plan)
    url = reverse(f"meetings:{page}", args=["acme", plan.pk, session.pk])
    client = login(process_owner)
    assert client.get(url).status_code == 200  # now cached
    session.delete()
    assert client.get(url).status_code == 404
