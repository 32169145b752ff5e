"""Every API route × every role, by token: the same door as the pages, within the token's reach.

A route without a row fails the suite. Tokens of another workspace see nothing (404), read-only
tokens cannot write (403), no token is 401.
"""

import pytest

from koers.api.core import api as ninja_api

ROLES = ["viewer", "member", "process_owner", "owner"]
READ = (200, 200, 200, 200)
OWNERS_OF_ACTION = (403, 201, 201, 201)  # the member owns the action
ASKED = (403, 200, 200, 200)  # the member was asked; team leads may answer too
FIGURES = (403, 200, 200, 200)

W = "/api/w/{slug}"
P = W + "/plans/{plan}"
UPDATE = {"did": "Built the shop", "progress": 40, "colour": "green"}
FIGURE = {"measurements": [{"kpi_id": "@kpi", "period": "2027-03", "value": "12.5"}]}

ROWS = {
    ("get", "/api/workspaces"): (None, READ),
    ("get", "/api/w/{slug}"): (None, READ),
    ("get", "/api/w/{slug}/plans"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/goals"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/strategies"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/measures"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/actions"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/actions/{action_id}"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/actions/{action_id}/updates"): (None, READ),
    ("post", "/api/w/{slug}/plans/{plan_id}/actions/{action_id}/updates"): (
        UPDATE,
        OWNERS_OF_ACTION,
    ),
    ("get", "/api/w/{slug}/requests"): (None, READ),
    ("post", "/api/w/{slug}/requests/{update_id}/answer"): ({}, ASKED),
    ("get", "/api/w/{slug}/plans/{plan_id}/kpis"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/kpis/{kpi_id}/measurements"): (None, READ),
    ("post", "/api/w/{slug}/plans/{plan_id}/measurements"): (FIGURE, FIGURES),
    ("get", "/api/w/{slug}/plans/{plan_id}/sessions"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/sessions/{session_id}"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/sessions/{session_id}/decisions"): (None, READ),
    ("get", "/api/w/{slug}/plans/{plan_id}/sessions/{session_id}/minutes"): (None, READ),
}
KEYS = {
    "slug": "slug",
    "plan_id": "plan",
    "action_id": "action",
    "update_id": "request",
    "kpi_id": "kpi",
    "session_id": "session",
}


def _url(template, world):
    return template.format(**{name: world[key] for name, key in KEYS.items()})


def _body(body, world):
    if body is None:
        return None
    if body is FIGURE:
        return {"measurements": [{**FIGURE["measurements"][0], "kpi_id": world["kpi"]}]}
    return body


def test_every_api_route_has_a_row():
    schema = ninja_api.get_openapi_schema()
    routes = {(m, path) for path, ops in schema["paths"].items() for m in ops}
    assert routes == set(ROWS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(ROWS))
def test_role_gets_the_expected_status(route, role, world, users, token_for, api):
    body, expected = ROWS[route]
    response = api(route[0], _url(route[1], world), token_for(users[role]), _body(body, world))
    assert response.status_code == expected[ROLES.index(role)], response.content


@pytest.mark.parametrize("route", sorted(ROWS))
def test_a_read_only_token_reads_but_never_writes(route, world, users, token_for, api):
    body, _expected = ROWS[route]
    response = api(
        route[0], _url(route[1], world), token_for(users["owner"], "read"), _body(body, world)
    )
    assert response.status_code == (200 if route[0] == "get" else 403)


@pytest.mark.parametrize("route", [r for r in sorted(ROWS) if r[1] != "/api/workspaces"])
def test_a_token_of_another_workspace_sees_nothing_here(
    route, world, users, token_for, api, other_workspace
):
    """Even for a user who is an OGSM owner here too, a token reaches only its own workspace."""
    from koers.accounts.models import Membership, Role

    owner = users["owner"]
    Membership.objects.create(workspace=other_workspace, user=owner, role=Role.OGSM_OWNER)
    secret = token_for(owner, space=other_workspace)
    body, _expected = ROWS[route]
    assert api(route[0], _url(route[1], world), secret, _body(body, world)).status_code == 404


@pytest.mark.parametrize("route", sorted(ROWS))
def test_no_token_or_a_wrong_one_is_401(route, world, api, client, users):
    client.force_login(users["owner"])  # a login session is no way into the API
    body, _expected = ROWS[route]
    url = _url(route[1], world)
    assert api(route[0], url, None, _body(body, world)).status_code == 401
    assert api(route[0], url, "koers_wrong", _body(body, world)).status_code == 401


# Roles per plan: a token counts its person's role on the plan (koers.plans.roles), as pages do.
SWAPS = {"viewer": "owner", "member": "viewer", "process_owner": "member", "owner": "viewer"}
PLAN_ROUTES = sorted(r for r in ROWS if "{plan_id}" in r[1])
# The member's column assumes they own the action; a process owner who is a member of the plan
# owns none of its actions.
SWAP_EXCEPTIONS = {
    ("post", P.replace("{plan}", "{plan_id}") + "/actions/{action_id}/updates"): {
        "process_owner": 403
    }
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", PLAN_ROUTES)
def test_a_role_on_the_plan_counts_for_a_token(route, role, world, users, token_for, api):
    from koers.plans.models import PlanRole

    for person, as_role in SWAPS.items():
        plan_role = "ogsm_owner" if as_role == "owner" else as_role
        PlanRole.objects.create(plan_id=world["plan"], user=users[person], role=plan_role)
    body, expected = ROWS[route]
    status = SWAP_EXCEPTIONS.get(route, {}).get(role, expected[ROLES.index(SWAPS[role])])
    response = api(route[0], _url(route[1], world), token_for(users[role]), _body(body, world))
    assert response.status_code == status, response.content
