"""Permission-matrix rows of the analysis tools (see tests/test_permission_matrix.py)."""

from datetime import date

from koers.accounts.models import Membership, Role, Workspace
from koers.analysis import brainstorm, canvas, scenarios, swot
from koers.analysis.models import Brainstorm, Signal, Trend
from tests.matrix import READ, TEAM_GET, TEAM_POST

CONTRIBUTE_POST = (302, 404, 403, 302, 302, 302)  # members add ideas, votes and signals
W = ("slug",)
SET = ("slug", "scenario_set")
IDEA = ("slug", "brainstorm", "idea")
LIKELIHOODS = {
    "recorded_on": "2027-03-01",
    "x_low_y_high": "40",
    "x_high_y_high": "30",
    "x_low_y_low": "20",
    "x_high_y_low": "10",
}

ROWS = {
    "analysis:overview": ("get", W, None, READ),
    "analysis:canvas": ("get", W, None, READ),
    "analysis:canvas_compare": ("get", W, None, READ),
    "analysis:canvas_item_new": ("get", W, None, TEAM_GET),
    "analysis:canvas_item_edit": ("get", (*W, "canvas_item"), None, TEAM_GET),
    "analysis:canvas_item_delete": ("get", (*W, "canvas_item"), None, TEAM_GET),
    "analysis:canvas_version": ("post", W, {"label": "Q1"}, TEAM_POST),
    "analysis:swot": ("get", W, None, READ),
    "analysis:swot_new": ("get", W, None, TEAM_GET),
    "analysis:swot_matrix": ("get", W, None, READ),
    "analysis:swot_edit": ("get", (*W, "swot_item"), None, TEAM_GET),
    "analysis:swot_delete": ("get", (*W, "swot_item"), None, TEAM_GET),
    "analysis:swot_decide": ("get", (*W, "swot_item"), None, TEAM_GET),
    "analysis:trends": ("get", W, None, READ),
    "analysis:trend_new": ("get", W, None, TEAM_GET),
    "analysis:trend_edit": ("get", (*W, "trend"), None, TEAM_GET),
    "analysis:trend_delete": ("get", (*W, "trend"), None, TEAM_GET),
    "analysis:trend_to_swot": ("post", (*W, "trend"), {"kind": "risk"}, TEAM_POST),
    "analysis:scenarios": ("get", W, None, READ),
    "analysis:scenario_set_new": ("get", W, None, TEAM_GET),
    "analysis:scenario_set": ("get", SET, None, READ),
    "analysis:scenario_edit": ("get", (*SET, "scenario"), None, TEAM_GET),
    "analysis:likelihood": ("post", SET, LIKELIHOODS, TEAM_POST),
    "analysis:scenario_set_archive": ("get", SET, None, TEAM_GET),
    "analysis:signals": ("get", W, None, READ),
    "analysis:signal_new": (
        "post",
        W,
        {"observed_on": "2027-02-01", "kind": "news", "title": "A new competitor"},
        CONTRIBUTE_POST,
    ),
    "analysis:signal_delete": ("post", (*W, "signal"), {}, TEAM_POST),
    "analysis:brainstorms": ("get", W, None, READ),
    "analysis:brainstorm_new": ("post", W, {"question": "How do we grow?"}, TEAM_POST),
    "analysis:brainstorm": ("get", (*W, "brainstorm"), None, READ),
    "analysis:brainstorm_close": ("post", (*W, "brainstorm"), {}, TEAM_POST),
    "analysis:brainstorm_archive": ("get", (*W, "brainstorm"), None, TEAM_GET),
    "analysis:idea_new": ("post", (*W, "brainstorm"), {"text": "Bake at night"}, CONTRIBUTE_POST),
    "analysis:idea_vote": ("post", IDEA, {}, CONTRIBUTE_POST),
    "analysis:idea_group": ("post", IDEA, {"group": "Growth"}, TEAM_POST),
    "analysis:idea_convert": ("get", IDEA, None, TEAM_GET),
}


def objects(world):
    workspace = Workspace.objects.get(slug=world["slug"])
    owner = Membership.objects.filter(workspace=workspace, role=Role.OGSM_OWNER).first().user
    item = canvas.add_item(workspace, block="channels", text="Our shop", mark="strength")
    trend = Trend.objects.create(workspace=workspace, title="Ageing", category="demography")
    other = Trend.objects.create(workspace=workspace, title="Energy prices", category="economy")
    scenario_set = scenarios.create_set(
        workspace,
        owner,
        title="2030",
        driver_x=trend,
        x_low="young",
        x_high="old",
        driver_y=other,
        y_low="cheap",
        y_high="dear",
    )
    session = Brainstorm.objects.create(workspace=workspace, question="How?")
    idea = brainstorm.add_idea(session, owner, "Open on Sunday")
    signal = Signal.objects.create(
        workspace=workspace, observed_on=date(2027, 1, 5), kind="news", title="x", created_by=owner
    )
    return {
        "canvas_item": item.pk,
        "swot_item": swot.active_items(workspace).get().pk,
        "trend": trend.pk,
        "scenario_set": scenario_set.pk,
        "scenario": scenario_set.scenarios.first().pk,
        "brainstorm": session.pk,
        "idea": idea.pk,
        "signal": signal.pk,
    }


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
POSTS = {
    "analysis:brainstorm_archive": ({}, (302, 404, 403, 403, 302, 302)),
    "analysis:canvas_item_delete": ({}, (302, 404, 403, 403, 302, 302)),
    "analysis:canvas_item_edit": ({}, (302, 404, 403, 403, 200, 200)),
    "analysis:canvas_item_new": ({}, (302, 404, 403, 403, 200, 200)),
    "analysis:idea_convert": ({}, (302, 404, 403, 403, 200, 200)),
    "analysis:scenario_edit": ({}, (302, 404, 403, 403, 200, 200)),
    "analysis:scenario_set_archive": ({}, (302, 404, 403, 403, 302, 302)),
    "analysis:scenario_set_new": ({}, (302, 404, 403, 403, 200, 200)),
    "analysis:swot_decide": ({}, (302, 404, 403, 403, 200, 200)),
    "analysis:swot_delete": ({}, (302, 404, 403, 403, 302, 302)),
    "analysis:swot_edit": ({}, (302, 404, 403, 403, 200, 200)),
    "analysis:swot_matrix": ({}, (302, 404, 403, 403, 302, 302)),
    "analysis:swot_new": ({}, (302, 404, 403, 403, 200, 200)),
    "analysis:trend_delete": ({}, (302, 404, 403, 403, 302, 302)),
    "analysis:trend_edit": ({}, (302, 404, 403, 403, 200, 200)),
    "analysis:trend_new": ({}, (302, 404, 403, 403, 200, 200)),
}
