"""Permission-matrix rows of the reports (see tests/test_permission_matrix.py)."""

from tests.matrix import EDIT_GET, EDIT_POST, LOGGED_IN, READ, TEAM_GET, P

ROWS = {
    "reports:workspace_import": ("get", (), None, LOGGED_IN),
    "reports:workspace_json": ("get", ("slug",), None, EDIT_GET),
    "reports:plan_json": ("get", P, None, EDIT_GET),
    "reports:plan_xlsx": ("get", P, None, READ),
    "reports:action_import": ("get", P, None, TEAM_GET),
    "reports:session_deck": ("get", (*P, "session"), None, READ),
    "reports:kpi_feed": ("get", (*P, "kpi"), None, EDIT_GET),
    "reports:kpi_feed_fetch": ("post", (*P, "kpi"), {}, EDIT_POST),
}


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
POSTS = {
    "reports:action_import": ({}, (302, 404, 403, 403, 200, 200)),
    "reports:kpi_feed": ({}, (302, 404, 403, 403, 403, 422)),
    "reports:workspace_import": ({}, (302, 200, 200, 200, 200, 200)),
}
