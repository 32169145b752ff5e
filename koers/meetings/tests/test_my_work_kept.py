"""My work kept under what it shows (koers.meetings.my_work_rows): after every kind of change
that can alter it, the page served equals a fresh render, and a change that touches nothing of
the viewer's leaves its kept content alone (no template of it is rendered again)."""

from datetime import timedelta

import pytest
import time_machine
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import Membership, Role
from koers.actions import rules as action_rules
from koers.actions.models import Action
from koers.actions.tests.factories import days_ago, make_action
from koers.meetings.models import Decision, Kind
from koers.meetings.priorities import decide_accept_proposal, decide_reject_proposal
from koers.meetings.tests.factories import make_session
from koers.plans.models import Plan, PlanRole, Strategy
from koers.plans.retiring import retire
from tests.pages import assert_fresh, html, queries

URL = reverse("meetings:my_work", args=["acme"])


@pytest.fixture
def scene(plan, member, owner):
    """Mia (the viewer) owns a strategy and actions of `plan`, a steering session comes in six
    days, a request waits for her, her proposal waits for that session, and a second plan
    holds nothing of hers."""
    strategy = plan.strategies.get()
    make_session(plan, kind=Kind.STEERING, days_ahead=6)
    held = make_session(plan, days_ahead=-2)
    mine = make_action(strategy, member, "Mine silent")
    answered = make_action(strategy, member, "Mine answered")
    action_rules.post_update(answered, member, did="Done a bit", progress=40, colour="green")
    theirs = make_action(strategy, owner, "Theirs here")
    update = action_rules.post_update(
        theirs, owner, need="Sign the quote", need_from=member, progress=5, colour="orange"
    )
    elsewhere = Plan.objects.create(
        workspace=plan.workspace,
        name="Elsewhere 2027",
        period="2027",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    proposal = make_action(strategy, None, "Mine proposed", proposed=True, proposed_by=member)
    far = Strategy.objects.create(plan=elsewhere, title="Far away", owner=owner, position=0)
    make_session(elsewhere, days_ahead=8)
    return {
        "plan": plan,
        "strategy": strategy,
        "held": held,
        "mine": mine,
        "answered": answered,
        "theirs": theirs,
        "update": update,
        "proposal": proposal,
        "far_action": make_action(far, owner, "Theirs far away"),
        "owner": owner,
        "member": member,
    }


def _my_action_updated(s):
    action_rules.post_update(s["mine"], s["member"], did="Moved on", progress=70, colour="red")


def _reassigned_to_me(s):
    s["theirs"].owner = s["member"]
    s["theirs"].save()


def _reassigned_away(s):
    s["mine"].owner = s["owner"]
    s["mine"].save()


def _co_owner_added(s):
    s["theirs"].co_owners.add(s["member"])


def _request_answered(s):
    action_rules.answer_request(s["update"], s["member"])


def _decision_naming_me(s):
    Decision.objects.create(
        session=s["held"], type=Decision.Type.OWNER, action=s["answered"], summary="Mia takes it"
    )


def _proposal_made(s):
    make_action(s["strategy"], None, "Mine proposed too", proposed=True, proposed_by=s["member"])


def _proposal_accepted(s):
    session = s["plan"].sessions.get(kind=Kind.STEERING)
    proposal = s["proposal"]
    decide_accept_proposal(session, s["owner"], proposal, proposal.version, s["owner"], None)


def _proposal_rejected(s):
    session = s["plan"].sessions.get(kind=Kind.STEERING)
    proposal = s["proposal"]
    decide_reject_proposal(session, s["owner"], proposal, proposal.version, "Not this year")


def _proposal_renamed(s):
    s["proposal"].title = "Mine proposed, better"
    s["proposal"].save()


def _plan_session_planned_sooner(s):
    make_session(s["plan"], kind=Kind.PLAN, days_ahead=3)


def _plan_role_changed(s):
    PlanRole.objects.create(plan=s["plan"], user=s["member"], role=Role.VIEWER)


def _workspace_role_changed(s):
    membership = Membership.objects.get(user=s["member"])
    membership.role = Role.VIEWER
    membership.save()


def _strategy_retired(s):
    retire(s["strategy"], s["owner"])


def _plan_archived(s):
    s["plan"].archived_at = timezone.now()
    s["plan"].save()


def _time_zone_changed(s):
    workspace = s["plan"].workspace
    workspace.time_zone = "Pacific/Kiritimati"  # 14 hours ahead: dates move
    workspace.save()


def _session_moved(s):
    session = s["plan"].sessions.filter(kind=Kind.STEERING).get()
    session.kind = Kind.UPDATE
    session.starts_at += timedelta(days=1)
    session.save()


def _author_renamed(s):
    s["owner"].first_name = "Olga"
    s["owner"].save()


CHANGES = [
    _my_action_updated,
    _reassigned_to_me,
    _reassigned_away,
    _co_owner_added,
    _request_answered,
    _decision_naming_me,
    _proposal_made,
    _proposal_accepted,
    _proposal_rejected,
    _proposal_renamed,
    _plan_session_planned_sooner,
    _plan_role_changed,
    _workspace_role_changed,
    _strategy_retired,
    _plan_archived,
    _time_zone_changed,
    _session_moved,
    _author_renamed,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__.strip("_"))
def test_after_each_change_my_work_served_equals_a_fresh_render(login, scene, change):
    client = login(scene["member"])
    before = html(client, URL)  # kept now
    change(scene)
    served = html(client, URL)
    assert served != before, "the change shows on My work (else this test proves nothing)"
    assert_fresh(client, URL, served, change.__name__)
    # The navigation's count follows too: a page after it shows the same number.
    other = reverse("plans:workspace", args=["acme"])
    assert html(client, other + "?a") == html(client, other + "?a")


def _rendered_templates(client):
    names = []

    def listen(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(listen)
    try:
        html(client, URL)
    finally:
        template_rendered.disconnect(listen)
    return names


def test_a_change_to_nothing_of_mine_keeps_my_work_as_it_was(login, scene):
    client = login(scene["member"])
    before = html(client, URL)
    action_rules.post_update(scene["far_action"], scene["owner"], did="x", progress=1, colour="red")
    rendered = _rendered_templates(client)
    assert "meetings/my_work.html" in rendered  # the workspace changed: the page is made again
    assert "actions/_colour.html" not in rendered  # … but its content is the kept one
    served = html(client, URL)
    assert served == before
    assert_fresh(client, URL, served, "someone else's action elsewhere")


def test_a_session_beginning_moves_what_is_asked_without_any_write(login, scene):
    client = login(scene["member"])
    steering = scene["plan"].sessions.get(kind=Kind.STEERING)
    before = html(client, URL)
    assert "Strategy updates asked for the steering session" in before
    assert "To be decided in: Steering session" in before  # Mia's proposal
    with time_machine.travel(steering.starts_at + timedelta(minutes=1), tick=False):
        served = html(client, URL)
        assert "Strategy updates asked for the steering session" not in served
        assert "No steering or plan session is planned yet" in served
        assert_fresh(client, URL, served, "a session began")


def test_the_navigation_count_is_known_after_a_kept_my_work(login, scene):
    client = login(scene["member"])
    html(client, URL)
    action_rules.post_update(scene["far_action"], scene["owner"], did="x", progress=1, colour="red")
    html(client, URL)  # content kept: the count must still be remembered for this revision
    other = html(client, reverse("plans:workspace", args=["acme"]))
    badge = reverse("meetings:asked_badge", args=["acme"])
    assert f'hx-get="{badge}"' not in other
    # Three things: the silent action, the strategy update, the request.
    assert "3 things asked of you" in other


def test_my_work_after_a_change_costs_the_same_queries_as_data_grows(login, scene):
    client = login(scene["member"])

    def after_change():
        html(client, URL)
        action_rules.post_update(
            scene["far_action"], scene["owner"], did="x", progress=1, colour="red"
        )
        return queries(client, URL)

    small = after_change()
    for i in range(15):
        make_action(scene["strategy"], scene["member"], f"More {i}")
        Action.objects.filter(title=f"More {i}").update(last_update_at=days_ago(40))
    assert after_change() == small
