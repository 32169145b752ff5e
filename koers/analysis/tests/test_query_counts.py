"""The analysis pages cost the same number of queries with a little or a lot of content."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from koers.analysis import brainstorm, canvas, scenarios, swot
from koers.analysis.models import Brainstorm, Signal
from koers.analysis.tests.factories import scenario_set, trend
from tests.pages import queries

PAGES = ["overview", "canvas", "canvas_compare", "swot", "trends", "scenarios", "signals"]
PAGES += ["brainstorms", "scenario_set", "brainstorm", "swot_matrix"]


def grow(workspace, owner, members, n):
    for i in range(n):
        item = canvas.add_item(workspace, block="channels", text=f"Item {i}", mark="strength")
        swot.decide(swot.active_items(workspace).get(canvas_item=item), owner, "ignore", reason="x")
        t = trend(workspace, f"Trend {i}")
        swot.from_trend(t, "risk", owner)
        Signal.objects.create(
            workspace=workspace, observed_on=date(2027, 1, 1), kind="news", title=f"S{i}", trend=t
        )
    canvas.save_version(workspace, f"V{n}", owner)
    futures = scenario_set(workspace, owner)
    ids = [s.pk for s in futures.scenarios.all()]
    for day in range(n):
        on = date(2027, 1, 1) + timedelta(days=day)
        scenarios.record_likelihoods(futures, on, dict(zip(ids, [25] * 4, strict=True)), owner)
    session = Brainstorm.objects.create(workspace=workspace, question=f"Q{n}")
    for i in range(n):
        idea = brainstorm.add_idea(session, owner, f"Idea {i}")
        for voter in members:
            brainstorm.toggle_vote(idea, voter)
    return futures, session


def url_of(page, futures, session):
    args = {"scenario_set": [futures.pk], "brainstorm": [session.pk]}.get(page, [])
    return reverse(f"analysis:{page}", args=["acme", *args])


@pytest.mark.parametrize("page", PAGES)
def test_analysis_pages_do_not_grow_with_their_content(page, login, workspace, owner, member):
    client = login(owner)
    futures, session = grow(workspace, owner, [member], 2)
    small = queries(client, url_of(page, futures, session))
    futures, session = grow(workspace, owner, [member, owner], 25)
    assert queries(client, url_of(page, futures, session)) == small
    assert small <= 8  # the login session with its user, the door, then the page's own few
