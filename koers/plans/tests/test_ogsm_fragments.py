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


def _other_plan(plan):
    from koers.plans.models import Plan

    return Plan.objects.create(
        workspace=plan.workspace,
        name="Shop 2027",
        period="2027",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )


def prepare(kind, plan):
    """What the page shows before; returns the change to what the kept OGSM shows besides the
    strategies' own blocks."""
    from koers.plans import cascade
    from koers.plans import rules as plan_rules
    from koers.plans.models import Goal

    goal, strategy = plan.goals.get(), plan.strategies.get()

    def rename(row, **fields):
        for name, value in fields.items():
            setattr(row, name, value)
        row.save()

    if kind == "goal target":
        return lambda: rename(goal, target_value=5)
    if kind == "second goal first":
        second = Goal.objects.create(plan=plan, title="Happy customers", position=1)
        return lambda: plan_rules.move_item(second, plan.goals.all(), -1)
    if kind == "second measure first":
        second = Measure.objects.create(strategy=strategy, name="Visits", position=1)
        return lambda: plan_rules.move_item(second, strategy.measures.all(), -1)
    if kind == "objective":
        return lambda: rename(plan, objective="Bake for the whole town.")
    if kind == "a plan serves the goal":
        return lambda: cascade.link(_other_plan(plan), goal)
    if kind == "the child plan renamed":
        child = _other_plan(plan)
        cascade.link(child, strategy)
        return lambda: rename(child, name="Webshop 2027")
    parent = _other_plan(plan)  # "served strategy renamed": the "Serves" section
    served = Strategy.objects.create(plan=parent, title="Grow", position=0)
    cascade.link(plan, served)
    return lambda: rename(served, title="Grow online")


MORE = [
    "goal target",
    "second goal first",
    "second measure first",
    "objective",
    "a plan serves the goal",
    "the child plan renamed",
    "served strategy renamed",
]


@pytest.mark.parametrize("kind", MORE)
def test_the_kept_ogsm_is_never_served_stale(kind, login, plan, owner, member):
    """Read by an editor (with the tools) and by a member, each set of rights its own copy."""
    address = reverse("plans:detail", args=["acme", plan.pk])
    make_the_change = prepare(kind, plan)
    before = {user: html(login(user), address) for user in (owner, member)}
    make_the_change()
    for user in (owner, member):
        client = login(user)
        after = html(client, address)
        assert_fresh(client, address, after, kind)
        assert after != before[user], f"the page does not show: {kind}"
