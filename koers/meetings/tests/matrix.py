"""Permission-matrix rows of the sessions (see tests/test_permission_matrix.py)."""

from datetime import timedelta

from django.utils import timezone

from koers.meetings import links, rules
from koers.meetings.models import EvaluationItem, Kind, Session
from tests.matrix import PUBLIC, READ, TEAM_GET, TEAM_POST, P

S = (*P, "session")
ITEM = {"item_index": 0}
UPDATE_OWN = (302, 404, 403, 200, 200, 200)  # whoever may update their own actions
UPDATE_OWN_POST = (302, 404, 403, 302, 302, 302)
LANDING = (302, 302, 302, 302, 302, 302)  # to the login page, or on to My work or the home page

ROWS = {
    "meetings:landing": ("get", (), None, LANDING),
    "meetings:my_work": ("get", ("slug",), None, READ),
    "meetings:asked_badge": ("get", ("slug",), None, READ),
    "meetings:my_updates": ("get", ("slug",), None, UPDATE_OWN),
    "meetings:revoke_my_links": ("post", ("slug",), {}, UPDATE_OWN_POST),
    # Whoever holds the link sees its person's page; its own person, logged in, goes to theirs.
    "meetings:link": ("get", ("update_link",), None, (200, 200, 200, 200, 200, 302)),
    "meetings:calendar": ("get", ("calendar_token",), None, PUBLIC),
    "meetings:list": ("get", P, None, READ),
    "meetings:cadence": ("get", P, None, TEAM_GET),
    "meetings:schedule": ("post", P, {}, TEAM_POST),
    "meetings:new": ("get", P, None, TEAM_GET),
    "meetings:detail": ("get", S, None, READ),
    "meetings:edit": ("get", S, None, TEAM_GET),
    "meetings:round": ("get", S, None, TEAM_GET),
    "meetings:open_round": ("post", S, {}, TEAM_POST),
    "meetings:remind": ("post", S, {}, TEAM_POST),
    "meetings:revoke_links": ("post", S, {}, TEAM_POST),
    "meetings:preread": ("get", S, None, READ),
    "meetings:preread_pdf": ("get", S, None, READ),
    "meetings:share_preread": ("post", S, {}, TEAM_POST),
    "meetings:run": ("get", S, None, TEAM_GET),
    "meetings:start": ("post", S, {}, TEAM_POST),
    "meetings:end_confirm": ("get", S, None, TEAM_GET),
    "meetings:end": ("post", S, {}, TEAM_POST),
    "meetings:note": ("post", S, {"item_key": "x", "remedy": "y", **ITEM}, TEAM_POST),
    "meetings:adjust": (
        "post",
        S,
        {"action": "@action", "version": 1, "colour": "red", **ITEM},
        TEAM_POST,
    ),
    "meetings:close_action": (
        "post",
        S,
        {"action": "@action", "criterion": "finished", **ITEM},
        TEAM_POST,
    ),
    "meetings:new_action": (
        "post",
        S,
        {"strategy": "@strategy", "title": "New", **ITEM},
        TEAM_POST,
    ),
    "meetings:priorities": ("post", S, {"actions": "@action", **ITEM}, TEAM_POST),
    "meetings:evaluation": (
        "post",
        S,
        {"topic": "team", "verdict": "keep", "text": "x", **ITEM},
        TEAM_POST,
    ),
    "meetings:evaluation_edit": (
        "post",
        (*S, "entry"),
        {"topic": "team", "verdict": "keep", "text": "y", **ITEM},
        TEAM_POST,
    ),
    "meetings:evaluation_delete": ("post", (*S, "entry"), ITEM, TEAM_POST),
    "meetings:review": (
        "post",
        S,
        {"item": "@evaluation_item", "review": "done", **ITEM},
        TEAM_POST,
    ),
    # The OGSM's session steps; the world has a draft of the next version (plans/tests/matrix.py).
    "meetings:ogsm_change": ("post", S, {"answer": "no", **ITEM}, TEAM_POST),
    "meetings:draft_start": ("post", S, ITEM, TEAM_POST),
    "meetings:draft_edit": (
        "post",
        S,
        {
            "op": "edit",
            "kind": "goal",
            "key": "@draft_key",
            "title": "Revenue 2M",
            "draft_version": "@draft_version",
            **ITEM,
        },
        TEAM_POST,
    ),
    "meetings:activate": (
        "post",
        S,
        {"reason": "Plan session", "draft_version": "@draft_version", **ITEM},
        TEAM_POST,
    ),
    "meetings:minutes": ("get", S, None, READ),
    "meetings:minutes_pdf": ("get", S, None, READ),
    "meetings:followup": ("get", S, None, TEAM_GET),
}


def objects(world):
    from koers.plans.models import Plan

    plan = Plan.objects.get(pk=world["plan"])
    session = Session.objects.create(
        plan=plan, kind=Kind.STEERING, starts_at=timezone.now() + timedelta(days=3)
    )
    earlier = Session.objects.create(
        plan=plan, kind=Kind.STEERING, starts_at=timezone.now() - timedelta(days=80)
    )
    item = EvaluationItem.objects.create(
        session=earlier, topic="team", verdict="stop", text="Long meetings"
    )
    entry = EvaluationItem.objects.create(
        session=session, topic="process", verdict="start", text="Shorter updates"
    )
    return {
        "update_link": links.issue(session, plan.workspace.memberships.get(role="ogsm_owner").user),
        "session": session.pk,
        "entry": entry.pk,
        "calendar_token": rules.kept(rules.cadence_of(plan)).calendar_token,
        "evaluation_item": item.pk,
    }


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
POSTS = {
    "meetings:cadence": ({}, (302, 404, 403, 403, 200, 200)),
    "meetings:edit": ({}, (302, 404, 403, 403, 200, 200)),
    "meetings:followup": ({}, (302, 404, 403, 403, 200, 200)),
    "meetings:link": ({}, (422, 422, 422, 422, 422, 302)),
    "meetings:my_updates": ({}, (302, 404, 403, 422, 422, 422)),
    "meetings:new": ({}, (302, 404, 403, 403, 200, 200)),
    "meetings:run": ({}, (302, 404, 403, 403, 200, 200)),
}
