"""Shared fixtures: a workspace with a memorable user for every role, and a small plan."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings

from koers.accounts.models import Membership, Role, User, Workspace
from koers.plans.models import Goal, Measure, Plan, Strategy

# Property tests check what holds, never how fast: timing checks (a deadline per example, "data
# generation too slow") fail on a busy machine without anything being wrong. Speed lives in
# `make bench`.
settings.register_profile("koers", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("koers")

ROLES = ["anonymous", "outsider", "viewer", "member", "process_owner", "owner"]


def make_user(username: str, **extra) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.com", first_name=username.title(), **extra
    )
    return user


@pytest.fixture
def workspace(db):
    return Workspace.objects.create(name="Acme Bakery", slug="acme")


@pytest.fixture
def other_workspace(db):
    return Workspace.objects.create(name="Other Co", slug="other")


def _member(workspace, username, role):
    user = make_user(username)
    Membership.objects.create(workspace=workspace, user=user, role=role)
    return user


@pytest.fixture
def owner(workspace):
    return _member(workspace, "olivia", Role.OGSM_OWNER)


@pytest.fixture
def process_owner(workspace):
    return _member(workspace, "peter", Role.PROCESS_OWNER)


@pytest.fixture
def member(workspace):
    return _member(workspace, "mia", Role.MEMBER)


@pytest.fixture
def viewer(workspace):
    return _member(workspace, "victor", Role.VIEWER)


@pytest.fixture
def outsider(other_workspace):
    """Owner of another workspace: logged in, powerful elsewhere, a stranger here."""
    return _member(other_workspace, "oscar", Role.OGSM_OWNER)


@pytest.fixture
def users(owner, process_owner, member, viewer, outsider):
    return {
        "anonymous": None,
        "outsider": outsider,
        "viewer": viewer,
        "member": member,
        "process_owner": process_owner,
        "owner": owner,
    }


@pytest.fixture
def plan(workspace, member):
    plan = Plan.objects.create(
        workspace=workspace,
        name="Acme 2027",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
        objective="Be the best bakery in town.",
    )
    Goal.objects.create(
        plan=plan,
        title="Revenue 1M",
        target_value=Decimal("1000000"),
        target_unit="EUR",
        position=0,
    )
    strategy = Strategy.objects.create(plan=plan, title="Go online", owner=member, position=0)
    Measure.objects.create(strategy=strategy, name="Online orders", unit="orders", position=0)
    return plan


@pytest.fixture
def login(client):
    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty page cache: test databases reuse primary keys."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Code that activates a language (mail in the recipient's language, the Dutch demo) must
    not leak it into the next test."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)
