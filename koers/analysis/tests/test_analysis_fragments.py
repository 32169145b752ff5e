"""The brainstorm keeps each idea's block, and the environment monitor each signal's block and
its form, under what they show (koers.lib.pagecache fragments): after every kind of change the
page served equals a page rendered from scratch, for the viewer who votes and for another."""

from datetime import date

import pytest
from django.urls import reverse

from koers.accounts.models import Membership, Role
from koers.analysis import brainstorm as rules
from koers.analysis.models import Brainstorm, Signal
from koers.analysis.tests.factories import scenario_set, trend
from tests.pages import assert_fresh, html


@pytest.fixture
def room(workspace, plan, owner, member):
    session = Brainstorm.objects.create(workspace=workspace, question="How do we grow?")
    ideas = [rules.add_idea(session, member, f"Idea {i}") for i in range(3)]
    rules.toggle_vote(ideas[0], owner)
    bakers = trend(workspace, "Fewer bakers")
    futures = scenario_set(workspace, owner)
    signals = [
        Signal.objects.create(
            workspace=workspace,
            observed_on=date(2027, 1, i + 1),
            kind="news",
            title=f"Flour +{i} %",
            trend=bakers,
            scenario=futures.scenarios.first(),
            created_by=member,
        )
        for i in range(3)
    ]
    return {
        "session": session,
        "ideas": ideas,
        "trend": bakers,
        "futures": futures,
        "signals": signals,
        "plan": plan,
    }


def change(kind, workspace, owner, member, room):
    idea, signal = room["ideas"][1], room["signals"][1]
    if kind == "vote":
        rules.toggle_vote(idea, member)
    elif kind == "vote withdrawn":
        rules.toggle_vote(room["ideas"][0], owner)
    elif kind == "group":
        rules.set_group(idea, "Shops")
    elif kind == "idea added":
        rules.add_idea(room["session"], owner, "Bread bikes")
    elif kind == "idea edited":
        idea.text = "Idea one, better"
        idea.save()
    elif kind == "author renamed":
        member.first_name = "Mira"
        member.save()
    elif kind == "became action":
        strategy = room["plan"].strategies.first()
        membership = Membership.objects.get(workspace=workspace, user=owner)
        rules.convert(idea, membership, "action", strategy=strategy)
    elif kind == "action renamed":
        strategy = room["plan"].strategies.first()
        membership = Membership.objects.get(workspace=workspace, user=owner)
        action = rules.convert(idea, membership, "action", strategy=strategy)
        action.title = "A new title"
        action.save()
    elif kind == "closed":
        rules.close(room["session"])
    elif kind == "role":
        Membership.objects.filter(workspace=workspace, user=member).update(role=Role.VIEWER)
        workspace.save()  # a role change bumps the revision (accounts/signals.py)
    elif kind == "signal edited":
        signal.title = "Flour +30 %"
        signal.save()
    elif kind == "signal added":
        Signal.objects.create(
            workspace=workspace, observed_on=date(2027, 2, 1), kind="news", title="Rye +5 %"
        )
    elif kind == "trend renamed":
        room["trend"].title = "Fewer bakers, more robots"
        room["trend"].save()
    elif kind == "trend added":
        trend(workspace, "Bread subscriptions")
    elif kind == "scenario renamed":
        scenario = room["futures"].scenarios.first()
        scenario.name = "Robots bake"
        scenario.save()
    else:
        raise AssertionError(kind)


BRAINSTORM = ["vote", "vote withdrawn", "group", "idea added", "idea edited", "author renamed"]
BRAINSTORM += ["became action", "action renamed", "closed", "role"]
SIGNALS = ["signal edited", "signal added", "trend renamed", "trend added", "scenario renamed"]
SIGNALS += ["role"]


def _check(login, url, kind, workspace, owner, member, room):
    readers = [member, owner]
    before = [html(login(reader), url) for reader in readers]  # fills the caches
    change(kind, workspace, owner, member, room)
    for reader, seen in zip(readers, before, strict=True):
        client = login(reader)
        served = html(client, url)
        assert_fresh(client, url, served, kind)
        if kind != "role" or reader == member:  # a role is the member's own
            assert served != seen, f"{url} does not show {kind} to {reader}"


@pytest.mark.parametrize("kind", BRAINSTORM)
def test_an_idea_block_is_never_served_stale(kind, login, workspace, owner, member, room):
    url = reverse("analysis:brainstorm", args=["acme", room["session"].pk])
    _check(login, url, kind, workspace, owner, member, room)


@pytest.mark.parametrize("kind", SIGNALS)
def test_a_signal_block_is_never_served_stale(kind, login, workspace, owner, member, room):
    _check(login, reverse("analysis:signals", args=["acme"]), kind, workspace, owner, member, room)
