"""The change log: every kind of change is logged by one mechanism, with who, from where and
old → new; rows can only be added; the log is readable, filterable and exported as CSV."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from koers.actions.models import Action
from koers.analysis.models import SwotItem
from koers.dashboard import services
from koers.dashboard.models import Kpi, KpiTarget, Measurement
from koers.history.context import acting
from koers.history.models import AppendOnly, Change
from koers.lib.versioning import save_versioned
from koers.meetings.models import Decision, Session


def changes_of(obj):
    return Change.objects.filter(kind=obj._meta.label_lower, object_id=obj.pk)


def test_editing_a_measure_target_logs_old_and_new_with_who(plan, owner):
    measure = plan.strategies.get().measures.get()
    measure.target = Decimal("60")
    measure.save()
    measure.target = Decimal("75.50")
    with acting(owner, "test"):
        save_versioned(measure, ["target"], measure.version)
    row = changes_of(measure).filter(event="changed").first()  # newest first
    assert (row.field, row.old, row.new) == ("target", "60", "75.5")
    assert (row.actor_id, row.actor_name, row.source) == (owner.pk, owner.display_name, "test")
    assert row.workspace_id == plan.workspace_id


def test_a_strategy_re_owned_logs_the_people_by_name(plan, owner):
    strategy = plan.strategies.get()
    previous = strategy.owner
    strategy.owner = owner
    strategy.save()
    row = changes_of(strategy).get(field="owner")
    assert (row.old, row.new) == (previous.display_name, owner.display_name)


def test_actions_kpis_targets_figures_decisions_and_analysis_items_are_logged(plan, owner):
    strategy = plan.strategies.get()
    action = Action.objects.create(strategy=strategy, title="Call ten offices", owner=owner)
    action.title = "Call twenty offices"
    action.save()
    services.ensure_kpis(plan)
    kpi = Kpi.objects.filter(plan=plan).first()
    kpi.target_value = Decimal("10")
    kpi.save()
    milestone = KpiTarget.objects.create(kpi=kpi, period=date(2027, 3, 1), value=Decimal(4))
    figure = Measurement.objects.create(kpi=kpi, period=date(2027, 1, 1), value=Decimal(3))
    session = Session.objects.create(plan=plan, kind="steering", starts_at=timezone.now())
    decision = Decision.objects.create(session=session, type="note", summary="Keep going")
    swot = SwotItem.objects.create(workspace=plan.workspace, kind="strength", description="Bread")

    assert changes_of(action).filter(field="title", new="Call twenty offices").exists()
    assert changes_of(kpi).filter(field="target_value", new="10").exists()
    for created in (milestone, figure, decision, swot):
        assert changes_of(created).filter(event="created").exists(), created
    assert changes_of(decision).get().session_id == session.pk


def test_a_change_rolled_back_leaves_no_history(plan):
    goal = plan.goals.get()
    with pytest.raises(RuntimeError), transaction.atomic():
        goal.title = "Never saved"
        goal.save()
        raise RuntimeError
    assert changes_of(goal).filter(event="created").exists()
    assert not changes_of(goal).filter(event="changed").exists()


def test_history_rows_cannot_be_changed_or_deleted_through_the_orm(plan):
    goal = plan.goals.get()
    goal.title = "Changed"
    goal.save()
    row = changes_of(goal).get(event="changed")
    row.new = "forged"
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        row.delete()
    with pytest.raises(AppendOnly):
        Change.objects.filter(pk=row.pk).update(new="forged")
    with pytest.raises(AppendOnly):
        Change.objects.all().delete()
    assert changes_of(goal).get(event="changed").new == "Changed"


def test_deleting_the_object_keeps_its_history(plan):
    goal = plan.goals.get()
    goal_id = goal.pk
    goal.delete()
    assert Change.objects.filter(kind="plans.goal", object_id=goal_id, event="deleted").exists()


def test_a_screen_edit_records_the_person_and_the_screen(plan, owner, login):
    goal = plan.goals.get()
    client = login(owner)
    url = reverse("plans:goal_edit", args=[plan.workspace.slug, plan.pk, goal.pk])
    data = {"title": "Revenue from lunch", "measured_by": "", "target_unit": "", "version": 1}
    assert client.post(url, data).status_code == 302
    row = changes_of(goal).get(field="title")
    assert row.actor_id == owner.pk
    assert row.source == "plans:goal_edit"
    assert row.source_path == url


def test_the_log_filters_by_person_kind_and_period_and_exports_csv(plan, owner, viewer, login):
    goal = plan.goals.get()
    with acting(owner, "test"):
        goal.title = "By the owner"
        goal.save()
    with acting(viewer, "test"):
        strategy = plan.strategies.get()
        strategy.title = "By someone else"
        strategy.save()
    client = login(viewer)
    url = reverse("history:log", args=[plan.workspace.slug])
    page = client.get(url, {"person": owner.pk}).content.decode()
    assert "By the owner" in page and "By someone else" not in page
    page = client.get(url, {"kind": "plans.strategy"}).content.decode()
    assert "By someone else" in page and "By the owner" not in page
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = client.get(url, {"start": tomorrow}).content.decode()
    assert "By the owner" not in page
    export = client.get(reverse("history:csv", args=[plan.workspace.slug]), {"kind": "plans.goal"})
    text = export.content.decode()
    assert export["Content-Type"].startswith("text/csv")
    assert "By the owner" in text and "By someone else" not in text


def test_an_objects_history_view_shows_only_that_object(plan, viewer, login):
    goal = plan.goals.get()
    goal.title = "Renamed goal"
    goal.save()
    url = reverse("history:object", args=[plan.workspace.slug, "plans.goal", goal.pk])
    page = login(viewer).get(url).content.decode()
    assert "Renamed goal" in page


def test_reading_pages_writes_no_history(plan, viewer, login):
    client = login(viewer)
    before = Change.objects.count()
    client.get(reverse("plans:detail", args=[plan.workspace.slug, plan.pk]))
    client.get(reverse("history:log", args=[plan.workspace.slug]))
    assert Change.objects.count() == before


def test_a_csv_cell_cannot_start_a_formula(plan, viewer, login):
    goal = plan.goals.get()
    goal.title = "=HYPERLINK(1)"
    goal.save()
    text = login(viewer).get(reverse("history:csv", args=[plan.workspace.slug])).content.decode()
    assert "'=HYPERLINK(1)" in text


def test_one_mechanism_logs_every_model_of_a_workspace(db):
    """Each followed model (a model added later included): deleting a demo row logs it."""
    from koers.accounts import revision
    from koers.demo.services import DEMO_SLUG, load_demo
    from koers.history import recorder

    load_demo()
    followed = [
        model for model in revision._PATHS if recorder.label(model) not in recorder.SKIP_MODELS
    ]
    assert all(recorder.is_followed(model) for model in followed)
    checked = 0
    for model in followed:
        path = revision.path_to_workspace(model)
        lookup = "__".join([f.name for f in path] + ["slug"]) if path else "slug"
        if model._meta.label_lower == "accounts.workspace":
            continue  # deleting the workspace takes its log's reason to exist with it
        instance = model._base_manager.filter(**{lookup: DEMO_SLUG}).order_by("pk").first()
        if instance is None:
            continue
        with transaction.atomic():
            pk = instance.pk
            instance.delete()
            logged = Change.objects.filter(
                kind=recorder.label(model), object_id=pk, event="deleted"
            )
            assert logged.exists(), model
            transaction.set_rollback(True)
        checked += 1
    assert checked >= 20


def test_the_action_and_kpi_pages_link_to_their_history(plan, owner, viewer, login):
    action = Action.objects.create(strategy=plan.strategies.get(), title="An action", owner=owner)
    action.title = "Renamed action"
    action.save()
    services.ensure_kpis(plan)
    kpi = Kpi.objects.filter(plan=plan).first()
    client = login(viewer)
    slug = plan.workspace.slug

    action_page = client.get(reverse("actions:detail", args=[slug, plan.pk, action.pk]))
    kpi_page = client.get(reverse("dashboard:kpi", args=[slug, plan.pk, kpi.pk]))

    action_history = reverse("history:object", args=[slug, "actions.action", action.pk])
    kpi_history = reverse("history:object", args=[slug, "dashboard.kpi", kpi.pk])
    assert action_history in action_page.content.decode()
    assert kpi_history in kpi_page.content.decode()
    assert "Renamed action" in client.get(action_history).content.decode()
    assert client.get(kpi_history).status_code == 200  # an empty history is a page too
