"""The cached analysis pages are never stale: after a change each equals a fresh rendering."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.analysis import brainstorm, canvas, scenarios, swot
from koers.analysis.models import Brainstorm, Signal
from koers.analysis.tests.factories import scenario_set, trend
from tests.pages import assert_fresh, fresh, html


@pytest.fixture
def tools(workspace, owner):
    futures = scenario_set(workspace, owner)
    canvas.add_item(workspace, block="value", text="Real bread", mark="strength")  # a SWOT item
    canvas.save_version(workspace, "Before", owner)
    session = Brainstorm.objects.create(workspace=workspace, question="How do we grow?")
    return {"futures": futures, "session": session, "trend": trend(workspace, "Fewer bakers")}


def change(kind, workspace, owner, member, tools):
    """Make one change of `kind` through the tools' rules; return a text the change shows."""
    if kind == "canvas item":
        canvas.add_item(workspace, block="channels", text="Market stall", mark="strength")
        return "Market stall"
    if kind == "swot from trend":
        swot.from_trend(tools["trend"], "risk", owner)
        return "Fewer bakers"
    if kind == "trend":
        trend(workspace, "Bread subscriptions")
        return "Bread subscriptions"
    if kind == "signal":
        Signal.objects.create(
            workspace=workspace, observed_on=date(2027, 1, 1), kind="news", title="Flour +30 %"
        )
        return "Flour +30 %"
    if kind == "likelihood":
        ids = [s.pk for s in tools["futures"].scenarios.all()]
        scenarios.record_likelihoods(
            tools["futures"], date(2027, 2, 1), dict(zip(ids, [10, 20, 30, 40], strict=True)), owner
        )
        return "40"
    if kind == "idea":
        brainstorm.add_idea(tools["session"], member, "Sourdough workshops")
        return "Sourdough workshops"
    raise AssertionError(kind)


CASES = [
    ("overview", "signal"),
    ("canvas", "canvas item"),
    ("canvas_compare", "canvas item"),
    ("swot", "swot from trend"),
    ("swot_matrix", "swot from trend"),
    ("trends", "trend"),
    ("scenarios", "likelihood"),
    ("scenario_set", "likelihood"),
    ("signals", "signal"),
    ("brainstorms", "idea"),
    ("brainstorm", "idea"),
]


@pytest.mark.parametrize(("page", "kind"), CASES)
def test_no_change_leaves_a_stale_analysis_page(page, kind, login, workspace, owner, member, tools):
    args = {"scenario_set": [tools["futures"].pk], "brainstorm": [tools["session"].pk]}
    url = reverse(f"analysis:{page}", args=["acme", *args.get(page, [])])
    client = login(member)
    before = html(client, url)  # fills the cache
    assert html(client, url) == before
    change(kind, workspace, owner, member, tools)
    after = html(client, url)
    assert_fresh(client, url, after, kind)
    assert after != before, f"{page} does not show: {kind}"


def test_a_vote_by_someone_else_refreshes_the_brainstorm_for_everyone(
    login, workspace, owner, member, tools
):
    idea = brainstorm.add_idea(tools["session"], member, "Sourdough workshops")
    url = reverse("analysis:brainstorm", args=["acme", tools["session"].pk])
    client = login(member)
    before = html(client, url)
    brainstorm.toggle_vote(idea, owner)
    after = html(client, url)
    assert after == fresh(client, url) != before


@pytest.mark.parametrize("kind", ["brainstorm", "scenario_set"])
def test_an_archived_tool_is_not_served_from_the_cache(kind, login, member, tools):
    obj = tools["session"] if kind == "brainstorm" else tools["futures"]
    url = reverse(f"analysis:{kind}", args=["acme", obj.pk])
    client = login(member)
    assert client.get(url).status_code == 200  # now cached
    obj.archived_at = timezone.now()
    obj.save(update_fields=["archived_at"])
    assert client.get(url).status_code == 404
