"""The version screens: the OGSM owner drafts, edits, compares and activates; everyone reads."""

from django.urls import reverse

from koers.plans.models import Measure, PlanVersion, Strategy
from tests.pages import without_csrf


def url(name, plan, *args):
    return reverse(f"plans:{name}", args=[plan.workspace.slug, plan.pk, *args])


def _draft_version(plan):
    return PlanVersion.objects.get(plan=plan, status="draft").version


def test_the_owner_drafts_edits_compares_and_activates_with_a_reason(plan, owner, login):
    client = login(owner)
    strategy = plan.strategies.get()
    measure = strategy.measures.get()
    assert client.post(url("draft_start", plan)).status_code == 302
    strategy_data = {
        "title": "Go online, pick-up only",
        "description": "",
        "owner": "",
        "draft_version": _draft_version(plan),
    }
    response = client.post(url("draft_item", plan, f"s{strategy.pk}"), strategy_data)
    assert response.status_code == 302
    measure_data = {
        "name": "Online orders",
        "unit": "orders",
        "target": "250",
        "direction": "higher",
        "draft_version": _draft_version(plan),
    }
    assert client.post(url("draft_item", plan, f"m{measure.pk}"), measure_data).status_code == 302

    draft_page = client.get(url("draft", plan)).content.decode()
    assert "is-changed change-renamed" in draft_page
    assert "Go online, pick-up only" in draft_page
    strategy.refresh_from_db()
    assert strategy.title == "Go online"  # the active plan is untouched

    compare = client.get(url("version_compare", plan), {"a": 1, "b": "draft"}).content.decode()
    assert "Go online, pick-up only" in compare and "250" in compare

    refused = client.post(url("draft_activate", plan), {"reason": ""})
    assert refused.status_code == 422
    assert "Say why this version replaces the current one." in refused.content.decode()
    response = client.post(url("draft_activate", plan), {"reason": "Steering Q1: S1 narrowed"})
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.title == "Go online, pick-up only"
    assert str(Measure.objects.get(pk=measure.pk).target) == "250.00"

    page = client.get(url("detail", plan)).content.decode()
    assert "Version 2" in page and "Changes since version 1" in page
    old = client.get(url("version", plan, 1)).content.decode()
    assert "An earlier version, read-only." in old
    assert "Go online</h3>" in old and "pick-up only" not in old
    compare = client.get(url("version_compare", plan), {"a": 1, "b": 2}).content.decode()
    assert "Steering Q1: S1 narrowed" in compare
    pdf = client.get(url("version_pdf", plan, 1))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_editing_a_draft_changes_no_page_of_the_active_version(plan, owner, viewer, login):
    client = login(viewer)
    before = without_csrf(client.get(url("detail", plan)).content.decode())
    owner_client = login(owner)
    owner_client.post(url("draft_start", plan))
    strategy = plan.strategies.get()
    data = {
        "title": "Draft title",
        "description": "",
        "owner": "",
        "draft_version": _draft_version(plan),
    }
    owner_client.post(url("draft_item", plan, f"s{strategy.pk}"), data)
    after = without_csrf(login(viewer).get(url("detail", plan)).content.decode())
    assert after == before
    assert "Draft title" not in after


def test_a_draft_can_add_and_leave_out_items(plan, owner, login):
    client = login(owner)
    client.post(url("draft_start", plan))
    goal = plan.goals.get()
    data = {
        "title": "Happy staff",
        "measured_by": "",
        "target_unit": "",
        "draft_version": _draft_version(plan),
    }
    assert client.post(url("draft_add", plan, "goal"), data).status_code == 302
    remove = {"draft_version": _draft_version(plan)}
    assert client.post(url("draft_remove", plan, f"g{goal.pk}"), remove).status_code == 302
    client.post(url("draft_activate", plan), {"reason": "New focus"})
    assert [g.title for g in plan.goals.all()] == ["Happy staff"]
    assert goal.__class__.all_objects.get(pk=goal.pk).retired_reason == "New focus"


def test_a_stale_draft_edit_is_refused_with_a_message(plan, owner, login):
    client = login(owner)
    client.post(url("draft_start", plan))
    strategy = plan.strategies.get()
    data = {"title": "First", "description": "", "owner": "", "draft_version": 0}
    response = client.post(url("draft_item", plan, f"s{strategy.pk}"), data, follow=True)
    assert "Someone else changed this draft meanwhile" in response.content.decode()
    assert Strategy.objects.get().title == "Go online"


def test_bad_input_in_the_draft_is_shown_and_changes_nothing(plan, owner, login):
    client = login(owner)
    client.post(url("draft_start", plan))
    measure = plan.strategies.get().measures.get()
    data = {
        "name": "",
        "unit": "",
        "target": "1e400",
        "direction": "sideways",
        "draft_version": _draft_version(plan),
    }
    response = client.post(url("draft_item", plan, f"m{measure.pk}"), data)
    assert response.status_code == 422
    assert PlanVersion.objects.get(status="draft").version == 1


def test_a_retired_strategy_is_readable_and_the_owner_restores_it(plan, owner, viewer, login):
    from koers.actions.models import Action
    from koers.plans.retiring import retire

    strategy = plan.strategies.get()
    Action.objects.create(strategy=strategy, title="Open a web shop", owner=owner)
    retire(strategy, owner, "Paused")
    page = login(viewer).get(url("retired", plan, "strategy", strategy.pk)).content.decode()
    assert "Open a web shop" in page and "Paused" in page
    versions_page = login(viewer).get(url("versions", plan)).content.decode()
    assert "Go online" in versions_page
    login(owner).post(url("retired_restore", plan, "strategy", strategy.pk))
    assert plan.strategies.get() == strategy
