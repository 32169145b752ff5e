"""Every URL × every role → the status that role must get. A URL without a row fails the suite."""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import ROLES
from koers.accounts.models import Invite, Membership, Role

# Statuses in the order of ROLES: anonymous, outsider, viewer, member, process_owner, owner.
PUBLIC = (200, 200, 200, 200, 200, 200)
ANON_ONLY = (200, 302, 302, 302, 302, 302)
LOGGED_IN = (302, 200, 200, 200, 200, 200)
READ = (302, 404, 200, 200, 200, 200)
EDIT_GET = (302, 404, 403, 403, 403, 200)
EDIT_POST = (302, 404, 403, 403, 403, 302)
INVITE_POST = (302, 404, 403, 403, 302, 302)
ANY_POST = (302, 302, 302, 302, 302, 302)

P = ("slug", "plan")
MATRIX = {
    # name: (method, argument keys, POST data, expected statuses)
    "core:home": ("get", (), None, LOGGED_IN),
    "accounts:login": ("get", (), None, ANON_ONLY),
    "accounts:logout": ("post", (), {}, ANY_POST),
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
    "accounts:invite": ("post", ("slug",), {"email": "new@example.com", "role": "member"},
                        INVITE_POST),
    "accounts:change_role": ("post", ("slug", "viewer_membership"), {"role": "viewer"},
                             EDIT_POST),
    "accounts:remove_member": ("post", ("slug", "viewer_membership"), {}, EDIT_POST),
    "accounts:revoke_invite": ("post", ("slug", "invite"), {}, INVITE_POST),
    "plans:workspace": ("get", ("slug",), None, READ),
    "plans:new": ("get", ("slug",), None, EDIT_GET),
    "plans:detail": ("get", P, None, READ),
    "plans:edit": ("get", P, None, EDIT_GET),
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

# Django's admin guards itself (staff only); it is not part of the workspace model.
EXEMPT_NAMESPACES = {"admin"}


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


def test_every_url_has_a_row_in_the_permission_matrix():
    missing = set(named_urls()) - set(MATRIX)
    assert not missing, f"Add these URLs to the permission matrix: {sorted(missing)}"


@pytest.fixture
def world(plan, workspace, owner, viewer):
    invite = Invite.objects.create(
        workspace=workspace, email="guest@example.com", role=Role.MEMBER, token="tok-123",
        expires_at=timezone.now() + timedelta(days=3),
    )
    strategy = plan.strategies.get()
    return {
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


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_role_gets_the_expected_status(name, role, world, users, login):
    method, keys, data, expected = MATRIX[name]
    client = login(users[role])
    url = reverse(name, args=[world[key] for key in keys])
    response = getattr(client, method)(url, data or {})
    assert response.status_code == expected[ROLES.index(role)], f"{name} as {role}"


@pytest.mark.parametrize("name", [n for n, row in MATRIX.items() if row[0] == "post"])
def test_post_only_urls_refuse_get(name, world, users, login):
    _method, keys, _data, _expected = MATRIX[name]
    client = login(users["owner"])
    response = client.get(reverse(name, args=[world[key] for key in keys]))
    assert response.status_code == 405


@pytest.mark.parametrize("name", [n for n, row in MATRIX.items() if row[3] in (READ, EDIT_GET)])
def test_a_member_of_another_workspace_gets_404_for_its_objects(name, world, outsider, login):
    """Isolation: even an OGSM owner elsewhere cannot see this workspace's objects."""
    _method, keys, _data, _expected = MATRIX[name]
    response = login(outsider).get(reverse(name, args=[world[key] for key in keys]))
    assert response.status_code == 404
