"""Demo: two department plans cascaded under the bakery's plan, each serving one of its
strategies, with a few strategies, actions, updates and figures, so the portfolio, the parents'
"Plans serving this" and the steering agenda's "Child plans" item have something to show.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from koers.accounts.models import Role
from koers.actions.models import Action, ActionUpdate, StrategyUpdate
from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement
from koers.plans import cascade
from koers.plans.models import Goal, Measure, Plan, PlanRole, Strategy

# name, owner, the organisation strategy it serves (index), objective, goal,
# strategies: (title, measure, unit, target, direction, [(action, colour, progress)], colour),
# figures of the first measure (three months, oldest first), a request to the parent
DEPARTMENTS = [
    (
        "Webwinkel 2027",
        "joris",
        1,
        "Klanten bestellen vanzelfsprekend online bij ons: snel, zonder wachtrij, ook zakelijk.",
        ("300 online bestellingen per week", "Bestellingen per week", Decimal("300"), "orders"),
        [
            (
                "App voor vaste klanten",
                "Actieve app-gebruikers",
                "gebruikers",
                Decimal("800"),
                "higher",
                [("App-prototype testen met tien klanten", "green", 60)],
                "green",
            ),
            (
                "Bezorgen binnen de ring",
                "Bezorgde bestellingen per week",
                "orders",
                Decimal("60"),
                "higher",
                [("Bezorgpartner kiezen", "orange", 30), ("Bezorgroutes plannen", "red", 10)],
                "orange",
            ),
        ],
        [150, 190, 210],
        "Akkoord op het budget voor de bezorgfietsen",
    ),
    (
        "Productie 2027",
        "fatima",
        2,
        "We bakken wat we verkopen: de planning volgt de vraag, niet de gewoonte.",
        ("Minder dan 4 % over", "Onverkocht brood", Decimal("4"), "%"),
        [
            (
                "Voorspellen met verkoopdata en weer",
                "Afwijking voorspelling",
                "%",
                Decimal("10"),
                "lower",
                [("Verkoopdata per uur koppelen", "green", 70)],
                "green",
            ),
            (
                "Tweede ploeg alleen op drukke dagen",
                "Productie-uren per week",
                "uur",
                Decimal("160"),
                "lower",
                [("Roosters met het team bespreken", "green", 40)],
                "green",
            ),
        ],
        [16, 14, 12],
        "",
    ),
]


def load(workspace, plan, users):
    now = timezone.now()
    parent_strategies = list(plan.strategies.order_by("position"))
    for name, owner, serves, objective, goal, strategies, figures, ask in DEPARTMENTS:
        department = Plan.objects.create(
            workspace=workspace,
            name=name,
            period=plan.period,
            start_date=plan.start_date,
            end_date=plan.end_date,
            objective=objective,
        )
        PlanRole.objects.create(plan=department, user=users[owner], role=Role.OGSM_OWNER)
        Goal.objects.create(
            plan=department, title=goal[0], measured_by=goal[1], target_value=goal[2],
            target_unit=goal[3], target_date=plan.end_date,
        )  # fmt: skip
        first_action = None
        for position, (title, measure, unit, target, direction, actions, colour) in enumerate(
            strategies
        ):
            strategy = Strategy.objects.create(
                plan=department, title=title, owner=users[owner], position=position
            )
            Measure.objects.create(
                strategy=strategy, name=measure, unit=unit, target=target, direction=direction
            )
            StrategyUpdate.objects.create(
                strategy=strategy, author=users[owner], colour=colour, did="Op koers",
                created_at=now - timedelta(days=5),
            )  # fmt: skip
            for i, (action_title, action_colour, progress) in enumerate(actions):
                action = Action.objects.create(
                    strategy=strategy, title=action_title, owner=users[owner], position=i,
                    colour=action_colour, progress=progress, status="in_progress",
                    start_date=timezone.localdate() - timedelta(days=30),
                    due_date=timezone.localdate() + timedelta(days=60),
                    last_update_at=now - timedelta(days=3),
                )  # fmt: skip
                first_action = first_action or action
        services.ensure_kpis(department)
        kpi = Kpi.objects.filter(plan=department, goal__isnull=False).first()
        window = services.window_for(timezone.localdate(), "monthly", len(figures))
        Measurement.objects.bulk_create(
            Measurement(kpi=kpi, period=period, value=Decimal(value), entered_by=users[owner])
            for period, value in zip(window, figures, strict=True)
        )
        parent_strategy = parent_strategies[serves]
        cascade.link(department, parent_strategy, by=users["anna"])
        if ask and first_action:
            ActionUpdate.objects.create(
                action=first_action, author=users[owner], did="Offertes vergeleken",
                progress=first_action.progress, colour=first_action.colour, need=ask,
                need_from=users["anna"], created_at=now - timedelta(days=2),
            )  # fmt: skip
