"""Versions of the OGSM: compare finds every kind of change; drafts leave the active plan alone
until activated; activation applies the draft, retires what it dropped and freezes the old one."""

from decimal import Decimal

import pytest

from koers.actions.models import Action
from koers.plans import versions
from koers.plans.compare import compare
from koers.plans.models import Goal, Measure, PlanVersion, Strategy


def content(**changes):
    base = {
        "objective": "Best bakery in town",
        "goals": [
            {
                "key": "g1",
                "id": 1,
                "title": "Revenue",
                "measured_by": "€ per year",
                "target_value": "100",
                "target_unit": "k€",
                "target_date": None,
            },
        ],
        "strategies": [
            {
                "key": "s1",
                "id": 1,
                "title": "Lunch",
                "description": "",
                "owner_id": 7,
                "owner": "Anna",
                "measures": [
                    {
                        "key": "m1",
                        "id": 1,
                        "name": "Lunches sold",
                        "unit": "",
                        "target": "50",
                        "direction": "higher",
                    },
                ],
            },
        ],
    }
    base.update(changes)
    return base


def kinds(changes):
    return {(c.kind, c.change, c.key) for c in changes}


def test_identical_content_has_no_changes():
    assert compare(content(), content()) == []


def test_objective_text_change():
    [change] = compare(content(), content(objective="Best bakery in the region"))
    assert (change.kind, change.change) == ("objective", "edited")
    assert (change.old, change.new) == ("Best bakery in town", "Best bakery in the region")


def test_added_and_retired_goals():
    new_goal = {
        "key": "n1",
        "id": None,
        "title": "Happy staff",
        "measured_by": "",
        "target_value": None,
        "target_unit": "",
        "target_date": None,
    }
    changes = compare(content(), content(goals=[new_goal]))
    assert kinds(changes) == {("goal", "added", "n1"), ("goal", "retired", "g1")}


def test_renamed_reowned_and_retargeted():
    after = content()
    after["goals"][0]["target_value"] = "120"
    after["strategies"][0].update(title="Business lunch", owner_id=8, owner="Bram")
    after["strategies"][0]["measures"][0]["name"] = "Business lunches sold"
    changes = compare(content(), after)
    assert kinds(changes) == {
        ("goal", "retargeted", "g1"),
        ("strategy", "renamed", "s1"),
        ("strategy", "reowned", "s1"),
        ("measure", "renamed", "m1"),
    }
    reowned = next(c for c in changes if c.change == "reowned")
    assert (reowned.old, reowned.new) == ("Anna", "Bram")
    target = next(c for c in changes if c.change == "retargeted")
    assert (target.old, target.new) == ("100", "120")


def test_a_target_written_differently_is_no_change():
    after = content()
    after["strategies"][0]["measures"][0]["target"] = "50"
    assert compare(content(), after) == []


def test_measure_added_retired_and_moved():
    after = content()
    after["strategies"].append(
        {
            "key": "n2",
            "id": None,
            "title": "Catering",
            "description": "",
            "owner_id": None,
            "owner": "",
            "measures": [after["strategies"][0]["measures"].pop()],
        }
    )
    after["strategies"][0]["measures"].append(
        {
            "key": "n3",
            "id": None,
            "name": "Reviews",
            "unit": "",
            "target": None,
            "direction": "higher",
        }
    )
    changes = compare(content(), after)
    assert kinds(changes) == {
        ("strategy", "added", "n2"),
        ("measure", "added", "n3"),
        ("measure", "moved", "m1"),
    }


# --- Drafts against the database -----------------------------------------------------------


def test_a_draft_leaves_the_active_plan_alone_until_activated(plan, owner):
    strategy = plan.strategies.get()
    draft = versions.start_draft(plan, owner)
    assert draft.number == 2
    edited = versions.draft_content(draft)
    edited["strategies"][0]["title"] = "Narrowed to business lunch"
    edited["objective"] = "A new objective"
    versions.save_draft(draft, edited, draft.version)
    strategy.refresh_from_db()
    plan.refresh_from_db()
    assert strategy.title != "Narrowed to business lunch"
    assert plan.objective != "A new objective"
    assert plan.current_version == 1

    versions.activate(draft, owner, "Steering Q1: S1 narrowed")
    strategy.refresh_from_db()
    plan.refresh_from_db()
    assert strategy.title == "Narrowed to business lunch"
    assert plan.objective == "A new objective"
    assert plan.current_version == 2
    old = plan.versions.get(number=1)
    assert old.status == PlanVersion.Status.SUPERSEDED
    assert old.content["strategies"][0]["title"] != "Narrowed to business lunch"
    assert plan.versions.get(number=2).reason == "Steering Q1: S1 narrowed"


def test_activation_keeps_actions_on_their_strategy_and_retires_dropped_items(plan, owner):
    strategy = plan.strategies.get()
    action = Action.objects.create(strategy=strategy, title="Call ten offices", owner=owner)
    draft = versions.start_draft(plan, owner)
    edited = versions.draft_content(draft)
    edited["strategies"][0]["title"] = "Renamed"
    edited["goals"] = []
    versions.save_draft(draft, edited, draft.version)
    versions.activate(draft, owner, "Goal dropped")
    action.refresh_from_db()
    assert action.strategy_id == strategy.pk
    assert not plan.goals.exists()
    assert Goal.all_objects.filter(plan=plan, retired_reason="Goal dropped").exists()


def test_corrections_to_the_active_plan_survive_activating_a_draft(plan, owner):
    draft = versions.start_draft(plan, owner)
    edited = versions.draft_content(draft)
    edited["strategies"][0]["measures"][0]["target"] = "99"
    versions.save_draft(draft, edited, draft.version)
    goal = plan.goals.get()
    goal.title = "Corrected meanwhile"
    goal.save()
    versions.activate(draft, owner, "")
    goal.refresh_from_db()
    assert goal.title == "Corrected meanwhile"
    assert Measure.objects.get(strategy__plan=plan).target == Decimal("99")


def test_a_draft_can_be_discarded(plan, owner):
    draft = versions.start_draft(plan, owner)
    versions.discard(draft)
    assert versions.draft_of(plan) is None
    assert Strategy.objects.filter(plan=plan).count() == 1


def test_a_stale_draft_save_is_refused(plan, owner):
    from koers.lib.versioning import StaleEdit

    draft = versions.start_draft(plan, owner)
    versions.save_draft(draft, versions.draft_content(draft), draft.version)
    with pytest.raises(StaleEdit):
        versions.save_draft(draft, versions.draft_content(draft), draft.version - 1)
