"""Next year's plan: the OGSM is copied, chosen actions move along, KPIs continue, the old
plan is archived and stays readable."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from koers.actions.models import Action, ActionUpdate
from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement
from koers.plans.models import Plan


def test_rolling_over_copies_the_plan_moves_chosen_actions_and_continues_kpis(plan, owner, login):
    strategy = plan.strategies.get()
    moving = Action.objects.create(strategy=strategy, title="Open a web shop", owner=owner)
    staying = Action.objects.create(strategy=strategy, title="Print flyers", owner=owner)
    ActionUpdate.objects.create(
        action=moving,
        author=owner,
        colour="green",
        did="Chose a supplier",
        progress=40,
        created_at=timezone.now(),
    )
    services.ensure_kpis(plan)
    kpi = Kpi.objects.get(measure__strategy=strategy)
    Measurement.objects.create(kpi=kpi, period=date(2027, 12, 1), value=Decimal(120))

    client = login(owner)
    form = client.get(reverse("plans:roll_over", args=["acme", plan.pk])).content.decode()
    assert 'value="2028"' in form and "Open a web shop" in form
    data = {
        "period": "2028",
        "start_date": "2028-01-01",
        "end_date": "2028-12-31",
        "keep": [moving.pk],
    }
    response = client.post(reverse("plans:roll_over", args=["acme", plan.pk]), data)
    assert response.status_code == 302

    new = Plan.objects.get(period="2028")
    assert new.name == "Acme 2028" and new.objective == plan.objective
    assert [s.title for s in new.strategies.all()] == ["Go online"]
    moving.refresh_from_db()
    staying.refresh_from_db()
    assert moving.strategy.plan == new and moving.updates.count() == 1
    assert staying.strategy_id == strategy.pk
    continued = Kpi.objects.get(plan=new, measure__isnull=False)
    assert continued.baseline_value == Decimal(120)
    assert continued.baseline_date == date(2027, 12, 1)

    plan.refresh_from_db()
    assert plan.archived_at is not None
    old_page = client.get(reverse("plans:detail", args=["acme", plan.pk]))
    assert old_page.status_code == 200
    assert "Archived: read-only." in old_page.content.decode()
    assert client.get(reverse("plans:pdf", args=["acme", plan.pk])).status_code == 200
    edit = client.get(reverse("plans:goal_new", args=["acme", plan.pk]))
    assert edit.status_code == 404


def test_a_bad_period_is_refused_and_changes_nothing(plan, owner, login):
    data = {"period": "x" * 41, "start_date": "2028-12-31", "end_date": "2028-01-01"}
    response = login(owner).post(reverse("plans:roll_over", args=["acme", plan.pk]), data)
    assert response.status_code == 422
    assert Plan.objects.count() == 1 and Plan.objects.get().archived_at is None
