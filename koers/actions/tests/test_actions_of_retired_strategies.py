"""An action whose strategy was retired leaves the action plan with it, but stays editable and
readable (koers.plans.retiring)."""

from django.urls import reverse

from koers.actions.tests.factories import make_action
from koers.plans import retiring


def test_an_action_of_a_retired_strategy_leaves_the_action_list(login, plan, owner, member):
    strategy = plan.strategies.get()
    make_action(strategy, member, "Launch the webshop")
    client = login(owner)
    url = reverse("actions:list", args=["acme", plan.pk])
    assert "Launch the webshop" in client.get(url).content.decode()
    retiring.retire(strategy, owner, reason="Not our focus")
    assert "Launch the webshop" not in client.get(url).content.decode()


def test_an_action_of_a_retired_strategy_can_still_be_edited(login, plan, owner, member):
    strategy = plan.strategies.get()
    action = make_action(strategy, member, "Launch the webshop")
    retiring.retire(strategy, owner, reason="Not our focus")
    client = login(owner)
    url = reverse("actions:edit", args=["acme", plan.pk, action.pk])
    form = client.get(url)
    assert form.status_code == 200
    action.refresh_from_db()
    posted = client.post(
        url,
        {
            "title": "Launch the webshop, later",
            "strategy": strategy.pk,
            "owner": member.pk,
            "status": action.status,
            "version": action.version,
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    action.refresh_from_db()
    assert action.title == "Launch the webshop, later"
