"""Every change to a workspace's content bumps its revision, which retires its cached pages."""

import pytest
from django.db import transaction

from koers.accounts import revision
from koers.accounts.models import Workspace
from koers.actions.models import Action
from koers.demo.services import DEMO_SLUG, load_demo
from koers.lib.versioning import save_versioned

FOLLOWED = sorted(revision._PATHS, key=lambda model: model._meta.label)


def current(slug=DEMO_SLUG) -> int:
    return Workspace.objects.get(slug=slug).revision


@pytest.fixture
def demo(db):
    load_demo()
    Workspace.objects.create(name="Elsewhere", slug="elsewhere")
    return Workspace.objects.get(slug=DEMO_SLUG)


def test_every_model_with_content_is_followed():
    names = {model._meta.label for model in FOLLOWED}
    for expected in ("plans.Goal", "actions.ActionUpdate", "meetings.Decision", "analysis.Vote"):
        assert expected in names
    assert "accounts.User" not in names  # users belong to no single workspace: see signals.py


def test_the_way_to_the_workspace_follows_the_foreign_keys():
    from koers.analysis.models import Vote

    assert [f.name for f in revision.path_to_workspace(Vote)] == ["idea", "brainstorm", "workspace"]


@pytest.mark.parametrize("model", FOLLOWED, ids=lambda model: model._meta.label)
def test_saving_or_deleting_any_content_bumps_only_its_own_workspace(demo, model):
    instance = model._default_manager.filter(pk__in=_demo_pks(model)).order_by("pk").first()
    if instance is None:
        pytest.skip(f"the demo has no {model._meta.label}")
    before, elsewhere = current(), current("elsewhere")
    instance.save()
    assert current() > before
    saved = current()
    if model is not Workspace:  # a deleted workspace has no pages left to refresh
        with transaction.atomic():
            instance.delete()
            assert current() > saved
            transaction.set_rollback(True)
    assert current("elsewhere") == elsewhere


def _demo_pks(model):
    path = revision.path_to_workspace(model)
    lookup = "__".join([f.name for f in path] + ["slug"]) if path else "slug"
    return model._default_manager.filter(**{lookup: DEMO_SLUG}).values("pk")


def test_a_versioned_save_bumps_the_revision(demo):
    action = Action.objects.filter(strategy__plan__workspace=demo).first()
    before = current()
    action.title = "Renamed"
    save_versioned(action, ["title"], action.version)
    assert current() > before


def test_adding_a_co_owner_from_either_side_bumps_the_revision(demo):
    action = Action.objects.filter(strategy__plan__workspace=demo).first()
    person = demo.memberships.exclude(user=action.owner).first().user
    before = current()
    action.co_owners.add(person)
    assert current() > before
    before = current()
    person.co_owned_actions.remove(action)
    assert current() > before


PER_PLAN = sorted(revision._PLAN_AT, key=lambda model: model._meta.label)


def plan_revisions(areas=None) -> dict:
    from koers.plans.models import Plan

    areas = areas or [model._meta.label_lower for model in PER_PLAN]
    return revision.revisions_of(Plan.objects.values_list("pk", flat=True), areas)


def test_the_plans_content_is_followed_per_plan():
    names = {model._meta.label for model in PER_PLAN}
    for expected in ("plans.Plan", "plans.Strategy", "actions.Action", "actions.ActionUpdate"):
        assert expected in names
    for expected in ("actions.StrategyUpdate", "dashboard.Kpi", "dashboard.KpiTarget"):
        assert expected in names
    assert "dashboard.Measurement" in names and "plans.PlanVersion" in names


@pytest.mark.parametrize("model", PER_PLAN, ids=lambda model: model._meta.label)
def test_saving_or_deleting_a_plans_content_bumps_only_that_plans_revision(demo, model):
    from koers.plans.models import Plan

    instance = model._default_manager.filter(pk__in=_demo_pks(model)).order_by("pk").first()
    if instance is None:
        pytest.skip(f"the demo has no {model._meta.label}")
    path = revision._PATHS[model]
    at = revision._PLAN_AT[model]
    lookup = "__".join(f.name for f in path[: at + 1]) if at >= 0 else "pk"
    plan_id = model._default_manager.filter(pk=instance.pk).values_list(lookup, flat=True)[0]
    Plan.objects.create(
        workspace=Workspace.objects.get(slug="elsewhere"),
        name="Other",
        period="2027",
        start_date="2027-01-01",
        end_date="2027-12-31",
    )
    before = plan_revisions()
    own, others = plan_revisions([model._meta.label_lower]), plan_revisions(["nothing"])
    instance.save()
    after = plan_revisions()
    assert after[plan_id] == before[plan_id] + 1
    assert plan_revisions([model._meta.label_lower])[plan_id] == own[plan_id] + 1
    assert plan_revisions(["nothing"]) == others
    assert {k: v for k, v in after.items() if k != plan_id} == {
        k: v for k, v in before.items() if k != plan_id
    }
    with transaction.atomic():
        instance.delete()
        if model is not Plan:  # a deleted plan's revision is no one's
            assert plan_revisions()[plan_id] > after[plan_id]
        transaction.set_rollback(True)


def test_writes_without_signals_bump_the_plans_they_touch(demo):
    from koers.plans.models import Plan
    from koers.plans.rules import touch_plan

    plans = list(Plan.objects.order_by("pk"))
    before = plan_revisions()
    touch_plan(plans[0].pk)
    assert plan_revisions() == {**before, plans[0].pk: before[plans[0].pk] + 1}
    revision.touch_workspaces(slug=DEMO_SLUG)
    assert all(plan_revisions()[p.pk] == before[p.pk] + 1 + (p == plans[0]) for p in plans)


def test_the_door_reads_the_same_revision(demo, rf):
    """A plan page's door reads the plan's revision in its fixed SQL (`revision_sql`): the
    same sum as `revision_of`, moving with the areas named and with the writes of every area."""
    from koers.dashboard import per_plan
    from koers.plans.access import get_plan_and_revision_for
    from koers.plans.models import Plan
    from koers.plans.rules import touch_plan

    plan = Plan.objects.filter(workspace__slug=DEMO_SLUG).order_by("pk").first()
    request = rf.get("/")
    request.user = Workspace.objects.get(slug=DEMO_SLUG).memberships.first().user

    def door(areas):
        return get_plan_and_revision_for(request, DEMO_SLUG, plan.pk, areas)[2]

    for areas in (per_plan.DASHBOARD, per_plan.ACTIONS, ("nothing",)):
        assert door(areas) == plan_revisions(areas)[plan.pk]
    before = door(per_plan.DASHBOARD), door(per_plan.ACTIONS)
    action = Action.objects.filter(strategy__plan=plan).order_by("pk").first()
    action.save()
    assert door(per_plan.DASHBOARD) == before[0] and door(per_plan.ACTIONS) == before[1] + 1
    touch_plan(plan.pk)  # a write without signals counts for every area
    assert door(per_plan.DASHBOARD) == before[0] + 1
