"""The analysis overview counts what is live in this workspace only."""

from django.urls import reverse

from koers.analysis import canvas, swot
from koers.analysis.tests.factories import trend


def test_the_overview_counts_live_items_of_this_workspace(
    login, viewer, owner, workspace, other_workspace
):
    canvas.add_item(workspace, block="channels", text="Shop", mark="strength")
    gone = canvas.add_item(workspace, block="channels", text="Stall", mark="")
    canvas.archive_item(gone)
    canvas.add_item(other_workspace, block="channels", text="Theirs", mark="strength")
    swot.decide(
        swot.add_item(workspace, owner, kind="risk", description="x"), owner, "ignore", reason="y"
    )
    trend(workspace)
    trend(other_workspace)
    html = login(viewer).get(reverse("analysis:overview", args=["acme"])).content.decode()
    assert "1 item, 1 marked as strength or vulnerability" in html
    assert "2 items" in html and "1 waits for a decision" in html  # the shop's strength is open
    assert "1 trend scored" in html
