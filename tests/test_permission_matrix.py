"""Every URL × every role → the status that role must get. A URL without a row fails the suite."""

import importlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import ROLES
from koers.accounts.models import Invite, Membership, Role
from tests.matrix import (
    ANON_ONLY,
    ANY_POST,
    EDIT_GET,
    EDIT_POST,
    LOGGED_IN,
    PUBLIC,
    READ,
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


APP_MATRICES = list(_app_matrices())
MATRIX = {**CORE_ROWS}
for _module in APP_MATRICES:
    MATRIX.update(_module.ROWS)

# Django's admin guards itself (staff only); it is not part of the workspace model. The REST
# API takes tokens, not login sessions: koers/api/tests/test_api_matrix.py lists its every route.
EXEMPT_NAMESPACES = {"admin", "api"}


def named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in EXEMPT_NAMESPACES:
                continue
            yield from named_urls(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


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
