"""The one-page OGSM keeps each strategy's block under what it shows (koers.lib.pagecache
fragments): after every kind of change the page served equals a page rendered from scratch."""

import pytest
from django.urls import reverse

from koers.accounts.models import Membership, Role
from koers.actions import rules as action_rules
from koers.actions.tests.factories import make_action
from koers.plans import retiring
from koers.plans.models import Measure, Strategy
from tests.pages import assert_fresh, html


def change(kind, plan, owner, member):
    strategy = plan.strategies.get()
    if kind == "action update":
        action = make_action(strategy, member, "Bake")
        action_rules.post_update(action, member, did="x", progress=5, colour="red")
    elif kind == "retire strategy":
        make_action(strategy, member, "Keeps it from being deleted")
        retiring.remove_or_retire(strategy, owner, "Not any more")
    elif kind == "second strategy":
        Strategy.objects.create(plan=plan, title="Open a second shop", position=0)
    elif kind == "measure target":
        measure = Measure.objects.get(strategy=strategy)
        measure.target = 42
        measure.save()
    elif kind == "owner renamed":
        strategy.owner.first_name = "Mira"
        strategy.owner.save()
    elif kind == "role":
        membership = Membership.objects.get(user=member)
        membership.role = Role.OGSM_OWNER
        membership.save()


KINDS = [
    "action update",
    "retire strategy",
    "second strategy",
    "measure target",
    "owner renamed",
    "role",
]


@pytest.mark.parametrize("kind", KINDS)
def test_a_strategy_block_is_never_served_stale(kind, login, plan, owner, member):
    address = reverse("plans:detail", args=["acme", plan.pk])
    client = login(member)
    before = html(client, address)  # fills the page and its fragments
    change(kind, plan, owner, member)
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    if kind != "action update":
        assert after != before, f"the page does not show: {kind}"


def test_each_language_gets_its_own_blocks(login, plan, member):
    address = reverse("plans:detail", args=["acme", plan.pk])
    client = login(member)
    english = html(client, address)
    dutch = html(client, address, HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch != english
    assert_fresh(client, address, dutch, "language", HTTP_ACCEPT_LANGUAGE="nl")
