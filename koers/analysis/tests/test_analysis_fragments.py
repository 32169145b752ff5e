"""The brainstorm keeps each idea's block and its whole list, the environment monitor each
signal's block, its list, filter and form, and the SWOT, its matrix, the trends and the business
model their lists, under what they show (koers.lib.pagecache fragments, koers.lib.keptrows): after
every kind of change the page served equals a page rendered from scratch, for every reader."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import Membership, Role
from koers.actions.models import Action
from koers.analysis import brainstorm as rules
from koers.analysis import canvas, swot, trends
from koers.analysis.models import Brainstorm, CanvasItem, Confrontation, Signal, SwotItem
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
    elif kind == "signal by someone else":  # the member may not remove it, the owner may
        Signal.objects.create(
            workspace=workspace,
            observed_on=date(2027, 2, 1),
            kind="news",
            title="Rye +5 %",
            created_by=owner,
        )
    elif kind == "signal removed":
        signal.archived_at = timezone.now()
        signal.save(update_fields=["archived_at"])
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
SIGNALS += ["signal by someone else", "signal removed", "role"]


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


@pytest.mark.parametrize("kind", ["signal edited", "trend renamed", "signal removed"])
def test_a_filtered_signal_list_is_never_served_stale(kind, login, workspace, owner, member, room):
    url = reverse("analysis:signals", args=["acme"]) + f"?trend={room['trend'].pk}&since=2027-01-02"
    _check(login, url, kind, workspace, owner, member, room)


# --- The SWOT, its matrix, the trends and the business model: each list kept whole ---------


@pytest.fixture
def lists(workspace, plan, owner):
    strategy = plan.strategies.get()
    action = Action.objects.create(strategy=strategy, title="Bake rye")
    bakers = trend(workspace, "Fewer bakers")
    risk = swot.from_trend(bakers, "risk", owner)
    swot.decide(risk, owner, "respond", action=action)
    strength = swot.add_item(workspace, owner, kind="strength", description="Real bread")
    swot.decide(strength, owner, "respond", strategy=strategy)
    swot.archive_item(swot.add_item(workspace, owner, kind="opportunity", description="Lunches"))
    Confrontation.objects.create(internal=strength, external=risk, score=1)
    canvas.add_item(workspace, block="value_propositions", text="Sourdough", mark="strength")
    canvas.save_version(workspace, "Before", owner)
    return {"strategy": strategy, "action": action, "trend": bakers, "risk": risk}


def change_list(kind, workspace, owner, process_owner, lists):
    risk, bakers = lists["risk"], lists["trend"]
    strength = SwotItem.objects.get(description="Real bread")
    item = CanvasItem.objects.get(text="Sourdough")
    if kind == "swot added":
        swot.add_item(workspace, owner, kind="vulnerability", description="One oven")
    elif kind == "swot edited":
        strength.description = "Real bread, baked at night"
        strength.save()
    elif kind == "swot decided":
        swot.decide(strength, owner, "ignore", reason="Everyone bakes real bread")
    elif kind == "swot archived":
        swot.archive_item(risk)
    elif kind == "strategy renamed":
        lists["strategy"].title = "Sell online"
        lists["strategy"].save()
    elif kind == "action renamed":
        lists["action"].title = "Bake spelt"
        lists["action"].save()
    elif kind == "trend renamed":
        bakers.title = "Fewer bakers, more robots"
        bakers.save()
    elif kind == "trend scored":
        bakers.impact = 1
        trends.save_trend(bakers, ["impact"], bakers.version, owner)
    elif kind == "trend archived":
        bakers.archived_at = timezone.now()
        bakers.save(update_fields=["archived_at"])
    elif kind == "trend to opportunity":
        swot.from_trend(bakers, "opportunity", owner)
    elif kind == "score":
        # As the matrix's form saves a cell (confrontation.save_scores).
        Confrontation.objects.update_or_create(
            internal=strength, external=risk, defaults={"score": 2}
        )
    elif kind == "canvas added":
        canvas.add_item(workspace, block="channels", text="Market stall", mark="vulnerability")
    elif kind == "canvas edited":
        item.text = "Sourdough, three days"
        canvas.save_item(item, ["text"], item.version)
    elif kind == "canvas archived":
        canvas.archive_item(item)
    elif kind == "version saved":
        canvas.save_version(workspace, "After", owner)
    elif kind == "saver renamed":
        owner.first_name = "Olga"
        owner.save()
    elif kind == "role":
        Membership.objects.filter(workspace=workspace, user=process_owner).update(role=Role.MEMBER)
        workspace.save()  # a role change bumps the revision (accounts/signals.py)
    else:
        raise AssertionError(kind)


LIST_CASES = {
    "swot": ["swot added", "swot edited", "swot decided", "swot archived", "strategy renamed"],
    "swot_matrix": ["swot added", "swot edited", "swot archived", "score", "canvas added"],
    "trends": ["trend renamed", "trend scored", "trend archived", "trend to opportunity"],
    "canvas": ["canvas added", "canvas edited", "canvas archived", "version saved"],
}
LIST_CASES["swot"] += ["action renamed", "trend renamed", "trend to opportunity", "canvas edited"]
LIST_CASES["trends"] += ["swot archived"]
LIST_CASES["canvas"] += ["saver renamed"]


@pytest.mark.parametrize(
    ("page", "kind"),
    [(page, kind) for page, kinds in LIST_CASES.items() for kind in [*kinds, "role"]],
)
def test_a_kept_list_is_never_served_stale(
    page, kind, login, workspace, owner, process_owner, member, lists
):
    url = reverse(f"analysis:{page}", args=["acme"])
    readers = [owner, process_owner, member]
    before = [html(login(reader), url) for reader in readers]  # fills the caches
    change_list(kind, workspace, owner, process_owner, lists)
    for reader, seen in zip(readers, before, strict=True):
        client = login(reader)
        served = html(client, url)
        assert_fresh(client, url, served, kind)
        if reader == (process_owner if kind == "role" else owner):
            assert served != seen, f"{url} does not show {kind} to {reader}"


def test_each_category_of_trends_is_kept_apart(login, workspace, owner, lists):
    abroad = trend(workspace, "Cheap flour abroad", impact=2)
    abroad.category = "economy"
    abroad.save()
    client = login(owner)
    url = reverse("analysis:trends", args=["acme"])
    for query in ["", "?category=economy", "?category=demography", ""]:
        assert_fresh(client, url + query, html(client, url + query), query)
