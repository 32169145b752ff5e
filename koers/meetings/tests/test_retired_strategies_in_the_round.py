"""A retired strategy takes its actions out of the live plan (koers.plans.retiring): the update
round no longer asks about them, and My work no longer lists them as open work. They stay
readable on their own page."""

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from koers.actions import rules as action_rules
from koers.actions.models import Action
from koers.actions.tests.factories import days_ago, make_action
from koers.meetings import asked, rounds, tasks
from koers.meetings.engagement import engagement
from koers.meetings.models import Decision, Kind
from koers.meetings.tests.factories import make_session
from koers.plans import retiring
from koers.plans.models import Strategy


def _retired_with_action(plan, person, title="Rent a shop"):
    """A second strategy with an action of `person`, then retired with its history."""
    dropped = Strategy.objects.create(plan=plan, title="Open a shop", owner=person, position=1)
    action = make_action(dropped, person, title)
    Action.objects.filter(pk=action.pk).update(created_at=days_ago(60))
    retiring.retire(dropped, person, reason="Not our focus")
    return action


def test_the_round_does_not_ask_about_actions_of_a_retired_strategy(
    login, plan, member, owner, process_owner
):
    make_action(plan.strategies.get(), member, "Open a webshop")
    gone = _retired_with_action(plan, owner)
    session = make_session(plan)
    assert set(rounds.round_people(session)) == {member}  # Olivia owns nothing live
    assert tasks.open_round.call(session.pk) == 1
    assert [m.to for m in mail.outbox] == [["mia@example.com"]]
    page = login(process_owner).get(reverse("meetings:round", args=["acme", plan.pk, session.pk]))
    html = page.content.decode()
    assert "Open a webshop" in html and "Rent a shop" not in html
    assert "Olivia" not in html  # neither asked, nor "not asked", nor silent
    assert gone not in engagement(session)["silent"]


def test_my_work_does_not_list_actions_of_a_retired_strategy(login, plan, member, owner):
    make_session(plan, days_ahead=6)
    make_action(plan.strategies.get(), member, "Open a webshop")
    client = login(member)
    url = reverse("meetings:my_work", args=["acme"])
    before = client.get(url).content.decode()  # a cached copy, which the retiring must not outlive
    assert "Open a webshop" in before
    gone = _retired_with_action(plan, member)
    held = make_session(plan, days_ahead=-2)
    Decision.objects.create(
        session=held, type=Decision.Type.OWNER, action=gone, summary="The shop goes to Mia."
    )
    html = client.get(url).content.decode()
    assert "Open a webshop" in html
    assert "Rent a shop" not in html and "The shop goes to Mia." not in html
    workspace, later = plan.workspace, timezone.now() + asked.SILENT_AFTER
    assert asked.count(member, workspace) == 1  # the navigation's count agrees
    assert not asked.silent_actions(member, workspace, later).filter(pk=gone.pk).exists()
    # The action keeps its own page, with its history.
    detail = client.get(reverse("actions:detail", args=["acme", plan.pk, gone.pk]))
    assert detail.status_code == 200 and "Rent a shop" in detail.content.decode()


def test_no_session_agenda_puts_an_action_of_a_retired_strategy_on_the_table(
    login, plan, member, owner, process_owner
):
    make_action(plan.strategies.get(), member, "Open a webshop", colour="red")
    gone = _retired_with_action(plan, owner)
    Action.objects.filter(pk=gone.pk).update(colour="red", progress=100)  # would need attention
    client = login(process_owner)
    for kind in (Kind.UPDATE, Kind.STEERING):
        session = make_session(plan, kind=kind)
        args = ["acme", plan.pk, session.pk]
        for name in ("meetings:detail", "meetings:run", "meetings:preread"):
            html = client.get(reverse(name, args=args)).content.decode()
            assert "Rent a shop" not in html, (kind, name)
        agenda = client.get(reverse("meetings:detail", args=args)).content.decode()
        assert "Open a webshop" in agenda


def test_a_request_on_an_action_of_a_retired_strategy_is_no_longer_asked_of_me(
    login, plan, member, owner
):
    """The need stays on the action's own page, but it is no open request to Mia any more:
    nobody works on that action now (actions.queries.open_q)."""
    dropped = Strategy.objects.create(plan=plan, title="Open a shop", owner=owner, position=1)
    lease = make_action(dropped, owner, "Rent a shop")
    action_rules.post_update(
        lease, owner, need="Read the lease draft", need_from=member, progress=5, colour="orange"
    )
    client = login(member)
    url = reverse("meetings:my_work", args=["acme"])
    before = client.get(url).content.decode()  # a cached copy, which the retiring must not outlive
    assert "Read the lease draft" in before and "1 open request for you" in before
    retiring.retire(dropped, owner, reason="Not our focus")
    html = client.get(url).content.decode()
    assert "Read the lease draft" not in html and "open request" not in html
    assert "Nothing is asked of you right now." in html
    assert asked.count(member, plan.workspace) == 0  # the navigation's count agrees
    detail = client.get(reverse("actions:detail", args=["acme", plan.pk, lease.pk]))
    assert "Read the lease draft" in detail.content.decode()
