"""Every URL × every method it accepts × every role → the status that role must get. A URL
without a row, or a method it accepts without one, fails the suite.

A view declares the methods it accepts (`require_safe`, `require_POST`,
`require_http_methods(["GET", "POST"])`, or a class's handlers); its row covers the main
method, and a URL that takes a GET and a POST also has a row in its matrix module's `POSTS`
({url name: (POST data, expected statuses)}), so the door of each method is tried.
"""

import importlib
import inspect
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import ROLES
from koers.accounts.models import Invite, Membership, Role
from koers.plans.models import Plan, PlanRole
from tests.matrix import (
    ANON_ONLY,
    ANY_POST,
    EDIT_GET,
    EDIT_POST,
    LOGGED_IN,
    PLAN_ROLE_EXCEPTIONS,
    PLAN_ROLE_POST_EXCEPTIONS,
    PLAN_ROLE_SWAPS,
    PUBLIC,
    READ,
    ROLE_OF_COLUMN,
    TEAM_POST,
    P,
)

CORE_ROWS = {
    # name: (method, argument keys, POST data, expected statuses)
    "core:home": ("get", (), None, LOGGED_IN),
    "accounts:login": ("get", (), None, ANON_ONLY),
    "accounts:logout": ("post", (), {}, ANY_POST),
    # Single sign-on is off unless OIDC_ISSUER is set (koers/accounts/tests/test_sso.py).
    "accounts:sso_login": ("get", (), None, (404,) * 6),
    "accounts:sso_callback": ("get", (), None, (404,) * 6),
    "accounts:signup": ("get", (), None, ANON_ONLY),
    "accounts:profile": ("get", (), None, LOGGED_IN),
    "accounts:password_change": ("get", (), None, LOGGED_IN),
    "accounts:language": ("post", (), {"language": "nl"}, ANY_POST),
    "accounts:password_reset": ("get", (), None, PUBLIC),
    "accounts:password_reset_done": ("get", (), None, PUBLIC),
    "accounts:password_reset_confirm": ("get", ("uid", "token"), None, PUBLIC),
    "accounts:password_reset_complete": ("get", (), None, PUBLIC),
    "accounts:accept_invite": ("get", ("invite_token",), None, PUBLIC),
    "accounts:workspace_new": ("get", (), None, LOGGED_IN),
    "accounts:members": ("get", ("slug",), None, READ),
    "accounts:invite": (
        "post",
        ("slug",),
        {"email": "new@example.com", "role": "member"},
        TEAM_POST,
    ),
    "accounts:change_role": ("post", ("slug", "viewer_membership"), {"role": "viewer"}, EDIT_POST),
    "accounts:remove_member": ("post", ("slug", "viewer_membership"), {}, EDIT_POST),
    "accounts:revoke_invite": ("post", ("slug", "invite"), {}, TEAM_POST),
    "accounts:workspace_settings": ("get", ("slug",), None, EDIT_GET),
    "plans:workspace": ("get", ("slug",), None, READ),
    "plans:new": ("get", ("slug",), None, EDIT_GET),
    "plans:detail": ("get", P, None, READ),
    "plans:edit": ("get", P, None, EDIT_GET),
    "plans:pdf": ("get", P, None, READ),
    "plans:objective_edit": ("get", P, None, EDIT_GET),
    "plans:goal_new": ("get", P, None, EDIT_GET),
    "plans:strategy_new": ("get", P, None, EDIT_GET),
    "plans:measure_new": ("get", (*P, "strategy"), None, EDIT_GET),
    "plans:goal_edit": ("get", (*P, "goal"), None, EDIT_GET),
    "plans:goal_delete": ("get", (*P, "goal"), None, EDIT_GET),
    "plans:goal_move": ("post", (*P, "goal"), {"direction": "down"}, EDIT_POST),
    "plans:strategy_edit": ("get", (*P, "strategy"), None, EDIT_GET),
    "plans:strategy_delete": ("get", (*P, "strategy"), None, EDIT_GET),
    "plans:strategy_move": ("post", (*P, "strategy"), {"direction": "down"}, EDIT_POST),
    "plans:measure_edit": ("get", (*P, "measure"), None, EDIT_GET),
    "plans:measure_delete": ("get", (*P, "measure"), None, EDIT_GET),
    "plans:measure_move": ("post", (*P, "measure"), {"direction": "down"}, EDIT_POST),
}


def _app_matrices():
    for path in sorted(Path(__file__).resolve().parent.parent.glob("koers/*/tests/matrix.py")):
        yield importlib.import_module(f"koers.{path.parent.parent.name}.tests.matrix")


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
CORE_POSTS = {
    "accounts:accept_invite": ({}, (200, 422, 422, 422, 422, 422)),
    "accounts:login": ({}, (200, 302, 302, 302, 302, 302)),
    "accounts:password_change": ({}, (302, 200, 200, 200, 200, 200)),
    "accounts:password_reset": ({}, (200, 200, 200, 200, 200, 200)),
    "accounts:password_reset_confirm": ({}, (200, 200, 200, 200, 200, 200)),
    "accounts:profile": ({}, (302, 200, 200, 200, 200, 200)),
    "accounts:signup": ({}, (200, 302, 302, 302, 302, 302)),
    "accounts:workspace_new": ({}, (302, 200, 200, 200, 200, 200)),
    "accounts:workspace_settings": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:edit": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:goal_delete": ({}, (302, 404, 403, 403, 403, 302)),
    "plans:goal_edit": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:goal_new": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:measure_delete": ({}, (302, 404, 403, 403, 403, 302)),
    "plans:measure_edit": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:measure_new": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:new": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:objective_edit": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:strategy_delete": ({}, (302, 404, 403, 403, 403, 302)),
    "plans:strategy_edit": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:strategy_new": ({}, (302, 404, 403, 403, 403, 200)),
}

APP_MATRICES = list(_app_matrices())
MATRIX = {**CORE_ROWS}
POSTS = {**CORE_POSTS}
for _module in APP_MATRICES:
    MATRIX.update(_module.ROWS)
    POSTS.update(getattr(_module, "POSTS", {}))

# Django's admin guards itself (staff only); it is not part of the workspace model. The REST
# API takes tokens, not login sessions: koers/api/tests/test_api_matrix.py lists its every route.
EXEMPT_NAMESPACES = {"admin", "api"}


def url_views(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in EXEMPT_NAMESPACES:
                continue
            yield from url_views(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def named_urls():
    return [name for name, _view in url_views()]


def accepted_methods(view) -> set[str] | None:
    """GET and/or POST, as the view declares them; None when it declares nothing."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        allowed = set(view_class.http_method_names)
        return {m.upper() for m in ("get", "post") if m in allowed and hasattr(view_class, m)}
    while view is not None:
        # Django's require_http_methods keeps its list in the wrapper's closure.
        code = getattr(view, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = view.__closure__[code.co_freevars.index("request_method_list")]
            return set(cell.cell_contents) & {"GET", "POST"}
        view = getattr(view, "__wrapped__", None)
    return None


def test_every_view_declares_the_methods_it_accepts():
    undeclared = [n for n, view in url_views() if accepted_methods(view) is None]
    assert not undeclared, (
        "Declare the methods of these views (require_safe, require_POST or "
        f"require_http_methods): {sorted(undeclared)}"
    )


def test_every_method_a_url_accepts_has_a_row():
    wrong = {}
    for name, view in url_views():
        if name not in MATRIX or accepted_methods(view) is None:
            continue  # reported by the tests above
        sent = {MATRIX[name][0].upper()} | ({"POST"} if name in POSTS else set())
        if sent != accepted_methods(view):
            wrong[name] = f"accepts {sorted(accepted_methods(view))}, matrix sends {sorted(sent)}"
    assert not wrong, f"Add a row to ROWS or POSTS for each method: {wrong}"


def test_the_methods_are_read_from_the_declarations():
    views = dict(url_views())
    assert accepted_methods(views["plans:detail"]) == {"GET"}
    assert accepted_methods(views["plans:goal_edit"]) == {"GET", "POST"}
    assert accepted_methods(views["plans:goal_move"]) == {"POST"}
    assert accepted_methods(views["accounts:login"]) == {"GET", "POST"}
    assert inspect.isfunction(inspect.unwrap(views["plans:detail"]))


def resolve_data(data, world):
    """POST data values written "@key" stand for the world's object of that key."""
    return {
        k: world[v[1:]] if isinstance(v, str) and v.startswith("@") else v
        for k, v in (data or {}).items()
    }


def test_every_url_has_a_row_in_the_permission_matrix():
    missing = set(named_urls()) - set(MATRIX)
    assert not missing, f"Add these URLs to the permission matrix: {sorted(missing)}"


@pytest.fixture
def world(plan, workspace, owner, viewer):
    invite = Invite.objects.create(
        workspace=workspace,
        email="guest@example.com",
        role=Role.MEMBER,
        token="tok-123",
        expires_at=timezone.now() + timedelta(days=3),
    )
    strategy = plan.strategies.get()
    world = {
        "slug": workspace.slug,
        "plan": plan.pk,
        "goal": plan.goals.get().pk,
        "strategy": strategy.pk,
        "measure": strategy.measures.get().pk,
        "invite": invite.pk,
        "invite_token": invite.token,
        "viewer_membership": Membership.objects.get(user=viewer).pk,
        "uid": "MQ",
        "token": "bad-token",
    }
    for module in APP_MATRICES:
        if hasattr(module, "objects"):
            world.update(module.objects(world))
    return world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_role_gets_the_expected_status(name, role, world, users, login):
    method, keys, data, expected = MATRIX[name]
    client = login(users[role])
    url = reverse(name, args=[world[key] for key in keys])
    response = getattr(client, method)(url, resolve_data(data, world))
    assert response.status_code == expected[ROLES.index(role)], f"{name} as {role}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(POSTS))
def test_role_gets_the_expected_status_when_posting_to_a_page(name, role, world, users, login):
    """The page's form: its POST passes the door of what the form changes."""
    _method, keys, _data, _expected = MATRIX[name]
    data, expected = POSTS[name]
    client = login(users[role])
    url = reverse(name, args=[world[key] for key in keys])
    response = client.post(url, resolve_data(data, world))
    assert response.status_code == expected[ROLES.index(role)], f"POST {name} as {role}"


@pytest.mark.parametrize("name", [n for n, row in MATRIX.items() if row[0] == "post"])
def test_post_only_urls_refuse_get(name, world, users, login):
    _method, keys, _data, _expected = MATRIX[name]
    client = login(users["owner"])
    response = client.get(reverse(name, args=[world[key] for key in keys]))
    assert response.status_code == 405


WORKSPACE_URLS = [n for n, row in MATRIX.items() if "slug" in row[1] and row[3][1] == 404]


@pytest.mark.parametrize("name", WORKSPACE_URLS)
def test_a_member_of_another_workspace_gets_404_for_its_objects(name, world, outsider, login):
    """Isolation: even an OGSM owner elsewhere cannot see this workspace's objects."""
    method, keys, data, _expected = MATRIX[name]
    url = reverse(name, args=[world[key] for key in keys])
    response = getattr(login(outsider), method)(url, resolve_data(data, world))
    assert response.status_code == 404


# Roles per plan ----------------------------------------------------------------------------

PLAN_URLS = sorted(n for n, row in MATRIX.items() if "plan" in row[1])


def _give_plan_roles(plan_id, users):
    for column, on_plan in PLAN_ROLE_SWAPS.items():
        role = ROLE_OF_COLUMN[on_plan]
        PlanRole.objects.create(plan_id=plan_id, user=users[column], role=role)


def _request(client, name, world, method=None, data=None):
    row_method, keys, row_data, _expected = MATRIX[name]
    url = reverse(name, args=[world[key] for key in keys])
    method = method or row_method
    return getattr(client, method)(url, resolve_data(row_data if data is None else data, world))


@pytest.mark.parametrize("role", list(PLAN_ROLE_SWAPS))
@pytest.mark.parametrize("name", PLAN_URLS)
def test_a_role_on_the_plan_counts_in_place_of_the_workspace_role(name, role, world, users, login):
    """Up and down: the viewer owns this plan, the OGSM owner only reads it (pages, PDFs)."""
    _give_plan_roles(world["plan"], users)
    expected = MATRIX[name][3][ROLES.index(PLAN_ROLE_SWAPS[role])]
    expected = PLAN_ROLE_EXCEPTIONS.get(name, {}).get(role, expected)
    response = _request(login(users[role]), name, world)
    assert response.status_code == expected, f"{name} as {role} with a role on the plan"


@pytest.mark.parametrize("role", list(PLAN_ROLE_SWAPS))
@pytest.mark.parametrize("name", sorted(n for n in POSTS if n in PLAN_URLS))
def test_a_role_on_the_plan_counts_when_posting_to_a_page(name, role, world, users, login):
    _give_plan_roles(world["plan"], users)
    data, statuses = POSTS[name]
    expected = statuses[ROLES.index(PLAN_ROLE_SWAPS[role])]
    expected = PLAN_ROLE_POST_EXCEPTIONS.get(name, {}).get(role, expected)
    response = _request(login(users[role]), name, world, method="post", data=data)
    assert response.status_code == expected, f"POST {name} as {role} with a role on the plan"


@pytest.mark.parametrize("role", ["member", "owner"])
@pytest.mark.parametrize("name", PLAN_URLS)
def test_a_role_on_another_plan_changes_nothing_here(name, role, world, users, login):
    """The member who owns plan B still gets 403 on this plan's edit pages, and the owner who
    only reads plan B still edits this one."""
    plan = Plan.objects.get(pk=world["plan"])
    other = Plan.objects.create(
        workspace=plan.workspace,
        name="B",
        period="2027",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    PlanRole.objects.create(plan=other, user=users["member"], role=Role.OGSM_OWNER)
    PlanRole.objects.create(plan=other, user=users["owner"], role=Role.VIEWER)
    response = _request(login(users[role]), name, world)
    assert response.status_code == MATRIX[name][3][ROLES.index(role)], f"{name} as {role}"
