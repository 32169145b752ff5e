"""Build the demo workspace "Bakkerij De Korenaar" with a user for every role."""

from django.db import transaction
from django.utils.module_loading import import_string

from koers.accounts.models import Membership, User, Workspace
from koers.demo.people import DEMO_PASSWORD, PEOPLE
from koers.demo.plan_content import GOALS, PLAN, STRATEGIES
from koers.demo.steps import STEPS
from koers.plans.models import Goal, Measure, Plan, Strategy

DEMO_SLUG = "bakkerij-de-korenaar"


def _user(username: str, first: str, last: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@korenaar.example"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load_demo(reset: bool = False) -> Workspace:
    """Create the demo workspace, or leave an existing one alone unless `reset`."""
    existing = Workspace.objects.filter(slug=DEMO_SLUG).first()
    if existing and not reset:
        return existing
    if existing:
        existing.delete()
    workspace = Workspace.objects.create(name="Bakkerij De Korenaar", slug=DEMO_SLUG)
    users = {}
    for username, first, last, role in PEOPLE:
        users[username] = _user(username, first, last)
        Membership.objects.create(workspace=workspace, user=users[username], role=role)

    plan = Plan.objects.create(workspace=workspace, **PLAN)
    Goal.objects.bulk_create(
        Goal(
            plan=plan,
            title=t,
            measured_by=m,
            target_value=v,
            target_unit=u,
            target_date=d,
            position=i,
        )
        for i, (t, m, v, u, d) in enumerate(GOALS)
    )
    for i, (title, description, owner, measures) in enumerate(STRATEGIES):
        strategy = Strategy.objects.create(
            plan=plan, title=title, description=description, owner=users[owner], position=i
        )
        Measure.objects.bulk_create(
            Measure(strategy=strategy, name=n, unit=u, target=t, direction=d, position=j)
            for j, (n, u, t, d) in enumerate(measures)
        )
    for step in STEPS:
        import_string(step)(workspace, plan, users)
    return workspace


def organisation_plan(workspace: Workspace) -> Plan:
    """The demo's own plan, the bakery's, above its department plans (koers.demo.cascade)."""
    return workspace.plans.get(name=PLAN["name"])


def ensure_admin(password: str) -> User:
    admin, _created = User.objects.get_or_create(
        username="admin", defaults={"email": "admin@korenaar.example", "first_name": "Beheerder"}
    )
    admin.is_staff = admin.is_superuser = True
    admin.set_password(password)
    admin.save()
    return admin
