"""A SWOT item the plan session answered with a new strategy in the draft points at that
strategy once the draft is activated (koers.plans.awaiting), so the SWOT page and the pre-read
name it, under its current title, also after it is retired; the minutes' migration links the
items answered before."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from koers.analysis import swot
from koers.analysis.models import SwotItem
from koers.history.models import Change
from koers.meetings.models import Kind
from koers.meetings.tests.factories import index_of, make_session
from koers.plans import versions
from koers.plans.models import Plan, Strategy


def url(name, session):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


@pytest.fixture
def session(plan):
    return make_session(plan, kind=Kind.PLAN)


@pytest.fixture
def risk(workspace, member):
    return swot.add_item(workspace, member, kind="risk", description="Grain prices rise")


def answer_with_new_strategy(client, session, item, title="Local grain"):
    post = {"item": item.pk, "version": item.version, "item_index": 0, "decision": "respond"}
    post |= {"response": "new-strategy", "title": title}
    assert client.post(url("swot_step", session), post).status_code == 302


def activate_in_session(client, session, plan):
    draft = versions.draft_of(plan)
    post = {"reason": "Plan session", "draft_version": draft.version}
    post["item_index"] = index_of(session, "update-ogsm")
    assert client.post(url("activate", session), post).status_code == 302


def swot_page(client):
    return client.get(reverse("analysis:swot", args=["acme"])).content.decode()


def link_to(strategy):
    address = reverse("plans:detail", args=["acme", strategy.plan_id])
    return f'<a href="{address}#strategy-{strategy.pk}">{strategy.title}</a>'


def preread_swot(client, session):
    page = client.get(url("preread", session)).content.decode()
    return page.split("What moved around us", 1)[1]


def test_after_activation_the_swot_page_and_pre_read_name_the_strategy(
    login, session, plan, process_owner, risk
):
    client = login(process_owner)
    answer_with_new_strategy(client, session, risk)
    assert "Grain prices rise — Respond: with a new strategy “Local grain”" in preread_swot(
        client, session
    )
    activate_in_session(client, session, plan)
    live = plan.strategies.get(title="Local grain")
    risk.refresh_from_db()
    assert risk.strategy == live
    assert f"with strategy {link_to(live)}" in swot_page(client)
    assert "Grain prices rise — Respond: Local grain</li>" in preread_swot(client, session)
    # The change log says which strategy it now points at.
    logged = Change.objects.filter(kind="analysis.swotitem", object_id=risk.pk, field="strategy")
    assert [c.new for c in logged] == ["Local grain"]


def test_the_link_follows_a_rename_in_the_draft_and_activation_from_the_plan(
    login, session, plan, process_owner, owner, risk
):
    answer_with_new_strategy(login(process_owner), session, risk)
    draft = versions.draft_of(plan)
    content = versions.draft_content(draft)
    key = next(s["key"] for s in content["strategies"] if s["title"] == "Local grain")
    versions.set_item(content, key, {"title": "Regional grain"})
    versions.save_draft(draft, content, draft.version)
    client = login(owner)
    activated = client.post(
        reverse("plans:draft_activate", args=["acme", plan.pk]), {"reason": "Grain"}
    )
    assert activated.status_code == 302
    live = plan.strategies.get(title="Regional grain")
    assert f"with strategy {link_to(live)}" in swot_page(client)


def test_a_strategy_taken_out_of_the_draft_is_not_swapped_for_a_later_one(
    login, session, plan, process_owner, risk
):
    client = login(process_owner)
    answer_with_new_strategy(client, session, risk)
    draft = versions.draft_of(plan)
    content = versions.draft_content(draft)
    key = next(s["key"] for s in content["strategies"] if s["title"] == "Local grain")
    versions.remove_item(content, key)
    versions.add_item(content, "strategy", {"title": "Tourist bread", "owner_id": None})
    versions.save_draft(draft, content, draft.version)
    activate_in_session(client, session, plan)
    risk.refresh_from_db()
    assert risk.strategy is None
    page = swot_page(client)
    assert "with a new strategy “Local grain”" in page and "Tourist bread" not in page


def test_a_linked_strategy_retired_later_is_still_named(
    login, session, plan, process_owner, owner, risk
):
    client = login(process_owner)
    answer_with_new_strategy(client, session, risk)
    activate_in_session(client, session, plan)
    live = plan.strategies.get(title="Local grain")
    draft = versions.start_draft(plan, owner)
    content = versions.draft_content(draft)
    versions.remove_item(content, f"s{live.pk}")
    versions.save_draft(draft, content, draft.version)
    versions.activate(draft, owner, "Grain is bought in again")
    assert Strategy.all_objects.get(pk=live.pk).retired_at is not None
    assert f"with strategy {link_to(live)}" in swot_page(client)
    assert "Grain prices rise — Respond: Local grain</li>" in preread_swot(client, session)


def test_a_decision_seen_before_activation_is_a_conflict(login, session, plan, process_owner, risk):
    client = login(process_owner)
    answer_with_new_strategy(client, session, risk)
    risk.refresh_from_db()
    seen = risk.version
    activate_in_session(client, session, plan)
    post = {"item": risk.pk, "version": seen, "item_index": 0, "decision": "ignore"}
    response = client.post(url("swot_step", session), post | {"reason": "Too late"})
    assert response.status_code == 422
    assert "Someone changed this item" in response.content.decode()
    risk.refresh_from_db()
    assert risk.decision == "respond" and risk.strategy.title == "Local grain"


# --- Items answered before the link existed (meetings/migrations/0012) --------------------------


def as_answered_before(item):
    """The item as answering stored it before: the title alone."""
    SwotItem.objects.filter(pk=item.pk).update(pending_draft=None, pending_key="")


def link_answers():
    migration = import_module("koers.meetings.migrations.0012_link_swot_answers")
    migration.link_answers(apps, None)


def test_the_migration_links_items_whose_strategy_is_live_or_waits_in_the_draft(
    login, session, plan, process_owner, risk, workspace, member
):
    client = login(process_owner)
    answer_with_new_strategy(client, session, risk)
    as_answered_before(risk)
    activate_in_session(client, session, plan)
    chance = swot.add_item(workspace, member, kind="opportunity", description="Tourists")
    answer_with_new_strategy(client, session, chance, "Tourist bread")  # in a new draft
    as_answered_before(chance)
    revision = plan.workspace.revision
    link_answers()
    risk.refresh_from_db()
    assert risk.strategy == plan.strategies.get(title="Local grain")
    plan.workspace.refresh_from_db()
    assert plan.workspace.revision > revision  # the cached SWOT page goes
    activate_in_session(client, session, plan)
    chance.refresh_from_db()
    assert chance.strategy == plan.strategies.get(title="Tourist bread")


def test_the_migration_leaves_an_item_it_cannot_be_sure_of(
    login, session, plan, process_owner, risk, workspace
):
    """No minutes name the plan, and two plans have a live strategy of that title."""
    client = login(process_owner)
    answer_with_new_strategy(client, session, risk)
    as_answered_before(risk)
    activate_in_session(client, session, plan)
    session.decisions.all().delete()
    other = Plan.objects.create(
        workspace=workspace,
        name="Shop",
        period="2027",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    Strategy.objects.create(plan=other, title="Local grain")
    link_answers()
    risk.refresh_from_db()
    assert risk.strategy is None and risk.response == "Local grain"
