"""Deterministic generator of a large workspace, built with bulk inserts.

Sizes follow the quality-harness issue: 50 plans, 200 users, and (as the apps exist) 5,000 actions,
50,000 updates, 300 KPIs × 60 months and 3 years of sessions. Each app adds a `fill_<app>` step.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bench.analysis_data import fill_analysis
from koers.accounts.models import Membership, Role, User, Workspace
from koers.actions.models import Action, ActionUpdate, Colour, Status
from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement
from koers.meetings.models import AgendaNote, Cadence, Decision, Kind, Session
from koers.plans.models import Goal, Measure, Plan, Strategy

SLUG = "bench"
SIZES = {
    "plans": 50,
    "users": 200,
    "goals_per_plan": 4,
    "strategies_per_plan": 5,
    "measures_per_strategy": 1,
    "actions": 5000,
    "updates": 50000,
    "session_months": 36,
    "kpis": 300,
    "kpi_months": 60,
    "my_updates_actions": 20,
}
COLOURS = [Colour.GREEN, Colour.GREEN, Colour.ORANGE, Colour.RED]
STATUSES = [Status.TODO, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.DONE]


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
    fill_cascade(plans, strategies)
    actions = fill_actions(rng, strategies, users)
    kpis = fill_kpis(rng, plans[0])
    sessions = fill_sessions(rng, plans, users, actions)
    analysis = fill_analysis(rng, workspace, users, strategies)
    updater = fill_updater(workspace, plans[0])
    return {
        **analysis,
        "workspace": workspace,
        "plans": plans,
        "users": users,
        "owner": users[0],
        "updater": updater,
        "rng": rng,
        "strategies": strategies,
        "actions": actions,
        "sessions": sessions,
        "kpis": kpis,
    }


def fill_cascade(plans, strategies):
    """Ten of the plans are cascaded: three serve plan 0, three each serve plans 1 and 2, and
    one serves both plan 0 and plan 3 (a plan under two parents), as a portfolio has them."""
    from koers.plans import cascade

    first = {}
    for strategy in strategies:
        first.setdefault(strategy.plan_id, strategy)
    parents = {1: [0], 2: [0], 3: [0], 4: [1], 5: [1], 6: [1], 7: [2], 8: [2], 9: [2], 10: [0, 3]}
    for child, its_parents in parents.items():
        for parent in its_parents:
            cascade.link(plans[child], first[plans[parent].pk])


def fill_actions(rng, strategies, users):
    now = timezone.now()
    per_strategy = SIZES["actions"] // len(strategies)
    actions = Action.objects.bulk_create(
        Action(
            strategy=s,
            title=f"Action {i} of {s.title}",
            owner=rng.choice(users),
            position=i,
            status=rng.choice(STATUSES),
            colour=rng.choice(COLOURS),
            progress=rng.randint(0, 100),
            start_date=date(2027, 1, 1),
            due_date=date(2027, rng.randint(1, 12), 28),
            last_update_at=now - timedelta(days=rng.randint(0, 90)),
        )
        for s in strategies
        for i in range(per_strategy)
    )
    per_action = SIZES["updates"] // len(actions)
    ActionUpdate.objects.bulk_create(
        (
            ActionUpdate(
                action=a,
                author=a.owner,
                did="Worked on it",
                next="Carry on",
                need="" if j % 3 else "Some help",
                progress=min(100, 10 * j),
                colour=rng.choice(COLOURS),
                created_at=now - timedelta(days=7 * j),
            )
            for a in actions
            for j in range(per_action)
        ),
        batch_size=5000,
    )
    return actions


def fill_sessions(rng, plans, users, actions):
    """Three years of monthly sessions per plan, each with a few notes and decisions."""
    now = timezone.now()
    # Three years in, every plan has its rhythm (the first session page creates the default).
    Cadence.objects.bulk_create(Cadence(plan=p) for p in plans)
    sessions = Session.objects.bulk_create(
        Session(
            plan=p,
            kind=Kind.STEERING if m % 3 == 2 else Kind.UPDATE,
            starts_at=now - timedelta(days=30 * (SIZES["session_months"] - m)),
            state=Session.State.CLOSED,
            duration_minutes=60,
        )
        for p in plans
        for m in range(SIZES["session_months"])
    )
    AgendaNote.objects.bulk_create(
        AgendaNote(
            session=s,
            item_key=f"action-{action.pk}",
            reasons="Busy season",
            remedy="Plan it earlier",
            recorded_by=users[1],
        )
        for s in sessions
        for action in rng.sample(actions, 2)
    )
    Decision.objects.bulk_create(
        Decision(
            session=s,
            type=Decision.Type.NOTE,
            summary="We agreed to carry on.",
            decided_by=users[1],
        )
        for s in sessions
        for _ in range(2)
    )
    return Session.objects.bulk_create(
        Session(plan=p, kind=Kind.STEERING, starts_at=now + timedelta(days=5), duration_minutes=120)
        for p in plans
    )


def fill_updater(workspace, plan):
    """A member asked for 20 action updates by the plan's next session, each with a history of
    updates: the one-page update form ("My updates") at the size the issue sets its target for."""
    now = timezone.now()
    updater = User.objects.create(
        username="bench-updater", email="bench-updater@example.com", first_name="Updater"
    )
    Membership.objects.create(workspace=workspace, user=updater, role=Role.MEMBER)
    strategies = list(plan.strategies.all())
    count = SIZES["my_updates_actions"]
    actions = Action.objects.bulk_create(
        Action(
            strategy=strategies[i % len(strategies)],
            title=f"My action {i}",
            owner=updater,
            position=1000 + i,
            status=Status.IN_PROGRESS,
            colour=COLOURS[i % len(COLOURS)],
            progress=(i * 5) % 100,
            start_date=date(2027, 1, 1),
            due_date=date(2027, 12, 28),
            last_update_at=now - timedelta(days=40),
        )
        for i in range(count)
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=a,
            author=updater,
            did="Finished the first part and talked to the team about the next one.",
            next="Carry on with the second part",
            need="" if j % 2 else "A decision on the budget",
            progress=10 * j,
            colour=COLOURS[j % len(COLOURS)],
            created_at=now - timedelta(days=40 + 30 * j),
        )
        for a in actions
        for j in range(10)
    )
    return updater


def fill_kpis(rng, plan):
    """One plan carries 300 KPIs with 60 months of figures each: the dashboard's worst case."""
    strategies = list(plan.strategies.all())
    existing = plan.goals.count() + Measure.objects.filter(strategy__plan=plan).count()
    Measure.objects.bulk_create(
        Measure(
            strategy=strategies[i % len(strategies)],
            name=f"Indicator extra {i}",
            unit="%",
            target=Decimal(60),
            position=10 + i,
        )
        for i in range(SIZES["kpis"] - existing)
    )
    services.ensure_kpis(plan)
    kpis = list(Kpi.objects.filter(plan=plan))
    window = services.window_for(timezone.localdate(), "monthly", SIZES["kpi_months"])
    Kpi.objects.filter(plan=plan).update(
        baseline_value=Decimal(20),
        baseline_date=window[0],
        target_value=Decimal(60),
        target_date=date(2027, 12, 31),
    )
    Measurement.objects.bulk_create(
        (
            Measurement(
                kpi=k,
                period=p,
                value=Decimal(20 + i * 0.6 + rng.uniform(-5, 5)).quantize(Decimal("0.01")),
            )
            for k in kpis
            for i, p in enumerate(window)
        ),
        batch_size=5000,
    )
    return kpis
