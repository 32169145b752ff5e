"""Permission-matrix rows of the action plan (see tests/test_permission_matrix.py)."""

from koers.accounts.models import User
from koers.actions import rules
from koers.actions.models import Action
from tests.matrix import READ, TEAM_GET, TEAM_POST, P

A = (*P, "action")
OWNER_OF_ACTION_POST = (302, 404, 403, 302, 302, 302)  # the member owns the action
OWNER_OF_ACTION_GET = (302, 404, 403, 200, 200, 200)
PROPOSE_GET = (302, 404, 403, 200, 200, 200)
PROPOSE_POST = (302, 404, 403, 302, 302, 302)
UPDATE = {"did": "x", "progress": 10, "colour": "green"}

ROWS = {
    "actions:answer_request": ("post", ("slug", "request"), {}, OWNER_OF_ACTION_POST),
    "actions:list": ("get", P, None, READ),
    "actions:board": ("get", P, None, READ),
    "actions:new": ("get", P, None, PROPOSE_GET),
    "actions:definition_of_done": ("get", P, None, READ),
    "actions:strategy_update": ("get", (*P, "strategy"), None, READ),
    "actions:paste": ("post", (*P, "strategy"), {"lines": "- Matrix pasted"}, PROPOSE_POST),
    "actions:detail": ("get", A, None, READ),
    "actions:edit": ("get", A, None, TEAM_GET),
    "actions:update": ("post", A, UPDATE, OWNER_OF_ACTION_POST),
    "actions:close": ("get", A, None, OWNER_OF_ACTION_GET),
    "actions:status": ("post", A, {"status": "in_progress"}, OWNER_OF_ACTION_POST),
    "actions:reopen": ("post", A, {}, OWNER_OF_ACTION_POST),
    "actions:accept": ("post", A, {}, TEAM_POST),
    "actions:move": ("post", A, {"direction": "up"}, TEAM_POST),
    "actions:delete": ("get", A, None, TEAM_GET),
}


def objects(world):
    member = User.objects.get(username="mia")
    action = Action.objects.create(strategy_id=world["strategy"], owner=member, title="Matrix")
    request = rules.post_update(
        action, member, need="Help", need_from=member, progress=5, colour="green"
    )
    return {"action": action.pk, "request": request.pk}


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
POSTS = {
    "actions:close": ({}, (302, 404, 403, 200, 200, 200)),
    "actions:definition_of_done": ({}, (302, 404, 403, 403, 403, 200)),
    "actions:delete": ({}, (302, 404, 403, 403, 302, 302)),
    "actions:edit": ({}, (302, 404, 403, 403, 200, 200)),
    "actions:new": ({}, (302, 404, 403, 200, 200, 200)),
    "actions:strategy_update": ({}, (302, 404, 403, 200, 200, 200)),
}
