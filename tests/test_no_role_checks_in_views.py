"""No view decides access by hand: roles and capabilities are asked at the door
(`koers/accounts/permissions.py` and the apps' `access.py`) or in rules functions, never in a
module that serves a URL. This test reads the source of every module a URL's view lives in."""

import ast
import inspect
import sys

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from koers.accounts.permissions import Can

# The API's handlers answer tokens through their own door (koers/api/core.py); Django's admin
# guards itself. The single sign-on views are the library's; the roles in koers.accounts.oidc
# are the ones SSO hands out, not a check.
EXEMPT_PREFIXES = ("koers.api.", "koers.accounts.oidc", "django.", "ninja.")
CAPABILITY_NAMES = {c.value for c in Can}
# Names that, used in a view module, mean a role or capability is decided there.
FORBIDDEN_NAMES = {"Role", "ROLE_CAPABILITIES", "PermissionDenied"}
FORBIDDEN_CALLS = {"can", "require"}


def _views(resolver=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern)
        elif isinstance(pattern, URLPattern):
            yield inspect.unwrap(pattern.callback)


def view_modules() -> list[str]:
    names = {getattr(view, "__module__", "") for view in _views()}
    return sorted(n for n in names if n.startswith("koers.") and not n.startswith(EXEMPT_PREFIXES))


def hand_made_checks(source: str) -> list[str]:
    """Each place in `source` where a role or capability is decided, as 'line: what'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"{node.lineno}: uses {node.id}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) in FORBIDDEN_CALLS
        ):
            found.append(f"{node.lineno}: calls a capability check")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_NAMES:
            found.append(f"{node.lineno}: uses .{node.attr}")
        elif isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
            if any(isinstance(p, ast.Attribute) and p.attr == "role" for p in parts):
                found.append(f"{node.lineno}: compares a role")
            if any(isinstance(p, ast.Constant) and p.value in CAPABILITY_NAMES for p in parts):
                found.append(f"{node.lineno}: tests a capability by name")
            if any(
                isinstance(p, ast.Attribute)
                and isinstance(p.value, ast.Name)
                and p.value.id == "Can"
                and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
                for p in parts
            ):
                found.append(f"{node.lineno}: tests a capability by hand")
    return found


def test_the_urls_views_are_found():
    modules = view_modules()
    assert "koers.actions.views" in modules
    assert "koers.meetings.views.run" in modules


@pytest.mark.parametrize("module", view_modules())
def test_a_view_module_checks_no_role_by_hand(module):
    __import__(module)
    source = inspect.getsource(sys.modules[module])
    assert not hand_made_checks(source), (
        f"{module} decides access itself; ask the door (need=…) or a rules function: "
        f"{hand_made_checks(source)}"
    )


@pytest.mark.parametrize(
    "source",
    [
        'if "edit_plan" in capabilities_of(membership): pass',
        "if membership.role == 'viewer': pass",
        "if membership.role in {Role.MEMBER}: pass",
        "ok = can(membership, Can.INVITE)",
        "raise PermissionDenied",
        "ok = Can.EDIT_PLAN in capabilities",
    ],
)
def test_the_check_recognises_a_role_decided_by_hand(source):
    assert hand_made_checks(source)


def test_the_check_lets_a_door_declaration_pass():
    source = (
        'need = Can.EDIT_PLAN if request.method == "POST" else Can.VIEW\n'
        "plan, membership = get_plan_for(request, slug, plan_id, need=need)\n"
        'context = {"can": capabilities_of(membership)}\n'
    )
    assert not hand_made_checks(source)
