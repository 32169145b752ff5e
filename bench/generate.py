"""Deterministic generator of a large workspace, built with bulk inserts.

Sizes follow the quality-harness issue: 50 plans, 200 users, and (as the apps exist) 5,000 actions,
50,000 updates, 300 KPIs × 60 months and 3 years of sessions. Each app adds a `fill_<app>` step.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from koers.accounts.models import Membership, Role, User, Workspace
from koers.plans.models import Goal, Measure, Plan, Strategy

SLUG = "bench"
SIZES = {
    "plans": 50,
    "users": 200,
    "goals_per_plan": 4,
    "strategies_per_plan": 5,
    "measures_per_strategy": 1,
}


@transaction.atomic
def generate(seed: int = 2027) -> dict:
    rng = random.Random(seed)
    Workspace.objects.filter(slug=SLUG).delete()
    User.objects.filter(username__startswith="bench-").delete()
    workspace = Workspace.objects.create(name="Benchmark Holding", slug=SLUG)
    users = User.objects.bulk_create(
        User(
            username=f"bench-{i:03}",
            email=f"bench-{i:03}@example.com",
            first_name=f"User {i}",
            password="md5$bench$0",
        )
        for i in range(SIZES["users"])
    )
    roles = [Role.OGSM_OWNER, Role.PROCESS_OWNER] + [Role.MEMBER] * (len(users) - 3) + [Role.VIEWER]
    Membership.objects.bulk_create(
        Membership(workspace=workspace, user=u, role=r) for u, r in zip(users, roles, strict=True)
    )
    plans = Plan.objects.bulk_create(
        Plan(
            workspace=workspace,
            name=f"Unit plan {i:02}",
            period="2027",
            start_date=date(2027, 1, 1),
            end_date=date(2027, 12, 31),
            objective="Grow steadily while keeping customers happy. " * 3,
        )
        for i in range(SIZES["plans"])
    )
    Goal.objects.bulk_create(
        Goal(
            plan=p,
            title=f"Goal {g}",
            measured_by="Yearly figure",
            position=g,
            target_value=Decimal(rng.randint(10, 1000)),
            target_unit="EUR",
        )
        for p in plans
        for g in range(SIZES["goals_per_plan"])
    )
    strategies = Strategy.objects.bulk_create(
        Strategy(
            plan=p,
            title=f"Strategy {s}",
            description="A clear choice.",
            position=s,
            owner=rng.choice(users),
        )
        for p in plans
        for s in range(SIZES["strategies_per_plan"])
    )
    Measure.objects.bulk_create(
        Measure(strategy=s, name=f"Indicator {m}", unit="%", target=Decimal(50), position=m)
        for s in strategies
        for m in range(SIZES["measures_per_strategy"])
    )
    return {
        "workspace": workspace,
        "plans": plans,
        "users": users,
        "owner": users[0],
        "rng": rng,
        "strategies": strategies,
    }
