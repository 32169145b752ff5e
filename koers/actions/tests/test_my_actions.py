"""My actions: what needs my update first, and the requests addressed to me."""

from django.urls import reverse

from koers.actions import rules
from koers.actions.models import Action
from koers.actions.tests.factories import days_ago, make_action


def test_my_open_actions_come_never_updated_first_then_oldest(login, plan, member, owner):
    strategy = plan.strategies.get()
    recent = make_action(strategy, member, "Recent")
    Action.objects.filter(pk=recent.pk).update(last_update_at=days_ago(2))
    old = make_action(strategy, member, "Old")
    Action.objects.filter(pk=old.pk).update(last_update_at=days_ago(30))
    make_action(strategy, member, "Never")
    make_action(strategy, owner, "Not mine")
    html = login(member).get(reverse("meetings:my_work", args=["acme"])).content.decode()
    assert "Not mine" not in html
    assert html.index("Never") < html.index("Old") < html.index("Recent")


def test_a_request_shows_for_its_addressee_until_answered(login, plan, member, owner):
    action = make_action(plan.strategies.get(), member)
    rules.post_update(
        action, member, need="Sign the quote", need_from=owner, progress=5, colour="orange"
    )
    client = login(owner)
    page = client.get(reverse("meetings:my_work", args=["acme"])).content.decode()
    assert "Sign the quote" in page and "1 open request for you" in page
    update = action.updates.get()
    client.post(reverse("actions:answer_request", args=["acme", update.pk]))
    assert (
        "Sign the quote"
        not in client.get(reverse("meetings:my_work", args=["acme"])).content.decode()
    )


def test_only_the_addressee_or_team_leads_answer_a_request(login, plan, member, owner, viewer):
    action = make_action(plan.strategies.get(), member)
    update = rules.post_update(
        action, member, need="x", need_from=owner, progress=5, colour="green"
    )
    response = login(viewer).post(reverse("actions:answer_request", args=["acme", update.pk]))
    assert response.status_code == 403
