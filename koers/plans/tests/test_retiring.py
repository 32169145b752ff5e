"""Nothing lost: deleting plan content that has gathered history retires it instead."""

import pytest

from koers.actions.models import Action, ActionUpdate, StrategyUpdate
from koers.dashboard.models import Kpi, Measurement
from koers.demo.services import load_demo, organisation_plan
from koers.plans.models import Measure, Strategy
from koers.plans.retiring import removal, remove_or_retire, restore, retire


@pytest.fixture
def demo_strategy_4(db):
    workspace = load_demo()
    plan = organisation_plan(workspace)
    return plan, list(plan.strategies.all())[3]


def _gathered(strategy):
    return {
        "actions": Action.objects.filter(strategy=strategy).count(),
        "updates": ActionUpdate.objects.filter(action__strategy=strategy).count(),
        "strategy updates": StrategyUpdate.objects.filter(strategy=strategy).count(),
        "measures": Measure.all_objects.filter(strategy=strategy).count(),
        "figures": Measurement.objects.filter(kpi__measure__strategy=strategy).count(),
    }


def test_retiring_strategy_4_of_the_demo_keeps_everything_it_gathered(demo_strategy_4):
    plan, strategy = demo_strategy_4
    owner = plan.workspace.memberships.get(role="ogsm_owner").user
    before = _gathered(strategy)
    # The demo as it stands: 7 actions (the issue counted 8), 11 updates, 48 figures.
    assert before["actions"] == 7 and before["updates"] == 11 and before["figures"] == 48
    assert remove_or_retire(strategy, owner, "Merged into S2") is True

    assert _gathered(strategy) == before
    assert strategy not in plan.strategies.all()
    assert not Kpi.objects.filter(measure__strategy=strategy).exists()  # off the dashboard
    assert Kpi.all_objects.filter(measure__strategy=strategy).count() == 2
    retired = Strategy.all_objects.get(pk=strategy.pk)
    assert retired.retired_reason == "Merged into S2"


def test_the_confirmation_counts_what_a_delete_would_take(demo_strategy_4):
    _plan, strategy = demo_strategy_4
    found = removal(strategy)
    assert found.has_history
    counts = dict(found.counts)
    assert counts["actions"] == 7
    assert counts["measurements"] == 48


def test_a_retired_strategy_is_restored_with_its_measures_and_kpis(demo_strategy_4):
    plan, strategy = demo_strategy_4
    retire(strategy, None, "for now")
    restore(Strategy.all_objects.get(pk=strategy.pk))
    assert strategy in plan.strategies.all()
    assert Measure.objects.filter(strategy=strategy).count() == 2
    assert Kpi.objects.filter(measure__strategy=strategy).count() == 2


def test_an_item_that_gathered_nothing_is_removed_and_the_list_says_what_goes(plan, owner):
    strategy = plan.strategies.get()
    found = removal(strategy)
    assert not found.has_history
    assert any(line.startswith("measure:") for line in found.objects)
    assert remove_or_retire(strategy, owner) is False
    assert not Strategy.all_objects.filter(pk=strategy.pk).exists()


def test_the_retired_strategys_page_shows_its_actions_updates_and_figures(demo_strategy_4, client):
    from django.urls import reverse

    plan, strategy = demo_strategy_4
    retire(strategy, None, "Merged into S2")
    viewer = plan.workspace.memberships.get(role="viewer").user
    client.force_login(viewer)
    url = reverse("plans:retired", args=[plan.workspace.slug, plan.pk, "strategy", strategy.pk])
    page = client.get(url).content.decode()
    for action in Action.objects.filter(strategy=strategy):
        assert action.title in page
    assert page.count("<li>", page.index("retired-figures")) >= 48
    assert "11 × action updates" in page and "48 × measurements" in page
