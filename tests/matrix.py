"""Building blocks of the permission matrix, shared by every app's `tests/matrix.py`.

An app lists its URLs in `koers/<app>/tests/matrix.py` as `ROWS` ({url name: (method, argument
keys, POST data, expected statuses)}) and may define `objects(world) -> dict` that creates the
objects its URLs need and returns their keys (e.g. {"action": action.pk}). A page that takes a
POST too (its view declares `require_http_methods(["GET", "POST"])`) also has a row in `POSTS`
({url name: (POST data, expected statuses)}): the matrix sends every method a view accepts.
"""

# Statuses per role, in the order of conftest.ROLES (anonymous … OGSM owner).
PUBLIC = (200, 200, 200, 200, 200, 200)
ANON_ONLY = (200, 302, 302, 302, 302, 302)
LOGGED_IN = (302, 200, 200, 200, 200, 200)
READ = (302, 404, 200, 200, 200, 200)
EDIT_GET = (302, 404, 403, 403, 403, 200)
EDIT_POST = (302, 404, 403, 403, 403, 302)
TEAM_GET = (302, 404, 403, 403, 200, 200)  # OGSM owner and process owner
TEAM_POST = (302, 404, 403, 403, 302, 302)
ANY_POST = (302, 302, 302, 302, 302, 302)

P = ("slug", "plan")

# Roles per plan (koers.plans.roles). The per-plan cases give each person another role on the
# world's plan, up or down ({workspace role column: the column of their role on the plan}), and
# expect the statuses of that column on every plan URL; a role on another plan changes nothing.
PLAN_ROLE_SWAPS = {
    "viewer": "owner",
    "member": "viewer",
    "process_owner": "member",
    "owner": "viewer",
}
ROLE_OF_COLUMN = {
    "viewer": "viewer",
    "member": "member",
    "process_owner": "process_owner",
    "owner": "ogsm_owner",
}
# Plan URLs whose statuses do not follow the plan role's column alone: {name: {person: status}}.
_NOT_THE_OWNER = {"process_owner": 403}  # a member of the plan, but the member's column owns it
PLAN_ROLE_EXCEPTIONS = {
    # Managing a plan's roles is for the workspace's role managers too (the owner, viewer here).
    "plans:roles": {"owner": 200},
    "actions:close": _NOT_THE_OWNER,
    "actions:reopen": _NOT_THE_OWNER,
    "actions:status": _NOT_THE_OWNER,
    "actions:update": _NOT_THE_OWNER,
    # The proposal is given to the member, who only views this plan now: no longer offered.
    "meetings:accept_proposal": {"viewer": 422},
}
PLAN_ROLE_POST_EXCEPTIONS = {
    "plans:roles": {"owner": 422},
    "actions:close": _NOT_THE_OWNER,
    "actions:strategy_update": _NOT_THE_OWNER,
}
