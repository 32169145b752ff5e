"""Sessions that change the OGSM: the steering session's "must the OGSM change?", the plan
session's guided edits of the draft of the next version, and its final "update the OGSM"."""

import pytest
from django.urls import reverse

from koers.meetings.models import Decision, Kind
from koers.meetings.tests.factories import index_of, make_session
from koers.plans import versions
from koers.plans.models import Measure, PlanVersion, Strategy


def url(name, session):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


def minutes(client, session):
    return client.get(url("minutes", session)).content.decode()


# --- Steering session: must the OGSM change? -------------------------------------------------


@pytest.fixture
def steering(plan):
    return make_session(plan, kind=Kind.STEERING)


def test_yes_starts_the_draft_with_the_proposals_in_the_minutes(
    login, steering, plan, process_owner
):
    client = login(process_owner)
    index = index_of(steering, "ogsm-change")
    page = client.get(url("run", steering) + f"?item={index}").content.decode()
    assert "Must the OGSM change?" in page and "Yes, the OGSM must change" in page
    response = client.post(
        url("ogsm_change", steering),
        {"answer": "yes", "proposals": "Drop the webshop, focus on catering", "item_index": index},
    )
    assert response.status_code == 302
    draft = versions.draft_of(plan)
    assert draft is not None and draft.number == 2
    assert plan.strategies.get().title == "Go online"  # the active plan is untouched
    decision = steering.decisions.get()
    assert decision.type == Decision.Type.OGSM_CHANGE
    html = minutes(client, steering)
    assert "Drop the webshop, focus on catering" in html and "version 2" in html


def test_yes_adds_to_a_draft_already_open(login, steering, plan, process_owner, owner):
    open_draft = versions.start_draft(plan, owner)
    client = login(process_owner)
    client.post(url("ogsm_change", steering), {"answer": "yes", "proposals": "More bread"})
    assert PlanVersion.objects.filter(plan=plan, status="draft").get() == open_draft


def test_no_is_recorded_and_starts_no_draft(login, steering, plan, process_owner):
    client = login(process_owner)
    client.post(url("ogsm_change", steering), {"answer": "no", "proposals": ""})
    assert versions.draft_of(plan) is None
    assert steering.decisions.get().type == Decision.Type.OGSM_KEEP
    assert "The OGSM stays as it is." in minutes(client, steering)


def test_yes_without_proposals_is_refused_and_changes_nothing(login, steering, plan, process_owner):
    client = login(process_owner)
    response = client.post(url("ogsm_change", steering), {"answer": "yes", "proposals": " "})
    assert response.status_code == 422
    assert "Say what must change" in response.content.decode()
    assert versions.draft_of(plan) is None and not steering.decisions.exists()


def test_the_answer_is_in_dutch_for_a_dutch_reader(login, steering, process_owner):
    client = login(process_owner)
    client.post(url("ogsm_change", steering), {"answer": "no"})
    html = client.get(url("minutes", steering), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "De OGSM blijft zoals hij is." in html


def test_a_member_cannot_answer_for_the_session(login, steering, plan, member):
    response = login(member).post(url("ogsm_change", steering), {"answer": "yes", "proposals": "x"})
    assert response.status_code == 403 and versions.draft_of(plan) is None


# --- Plan session: the bottom-up edits go into the draft -------------------------------------


@pytest.fixture
def plan_session(plan):
    return make_session(plan, kind=Kind.PLAN)


def step(client, session, **data):
    return client.post(url("draft_edit", session), {"item_index": 0, **data})


def test_the_first_edit_starts_the_draft_and_leaves_the_active_plan_alone(
    login, plan_session, plan, process_owner, member
):
    strategy = plan.strategies.get()
    client = login(process_owner)
    page = client.get(
        url("run", plan_session)
        + f"?item={index_of(plan_session, f'draft-strategy-{strategy.pk}')}"
    ).content.decode()
    assert "No draft yet" in page and "Change in the draft" not in page
    assert client.post(url("draft_start", plan_session), {"item_index": 6}).status_code == 302
    draft = versions.draft_of(plan)
    page = client.get(
        url("run", plan_session)
        + f"?item={index_of(plan_session, f'draft-strategy-{strategy.pk}')}"
    ).content.decode()
    assert "Change in the draft" in page and "Retire in the draft" in page
    response = step(
        client,
        plan_session,
        op="edit",
        kind="strategy",
        key=f"s{strategy.pk}",
        draft_version=draft.version,
        title="Go online, in the region only",
        description="Narrowed in the plan session",
        owner=member.pk,
    )
    assert response.status_code == 302
    draft = versions.draft_of(plan)
    assert versions.find(draft.content, f"s{strategy.pk}")[1]["title"] == (
        "Go online, in the region only"
    )
    strategy.refresh_from_db()
    assert strategy.title == "Go online"
    # one decision per change: renamed, and the description edited
    assert [d.type for d in plan_session.decisions.all()] == [Decision.Type.DRAFT_EDIT] * 2
    assert "Go online, in the region only" in minutes(client, plan_session)


def test_a_description_ending_in_a_full_stop_ends_its_decision_with_one(
    login, plan_session, plan, process_owner
):
    strategy = plan.strategies.get()
    client = login(process_owner)
    client.post(url("draft_start", plan_session), {"item_index": 0})
    step(
        client,
        plan_session,
        op="edit",
        kind="strategy",
        key=f"s{strategy.pk}",
        draft_version=versions.draft_of(plan).version,
        title=strategy.title,
        description="Pick-up only, no deliveries.",
    )
    texts = [d.text for d in plan_session.decisions.all()]
    assert any(text.endswith("→ Pick-up only, no deliveries.") for text in texts), texts
    assert "deliveries.." not in minutes(client, plan_session)


def test_strategies_and_measures_are_added_retired_and_retargeted_in_the_draft(
    login, plan_session, plan, process_owner, owner
):
    draft = versions.start_draft(plan, owner)
    strategy = plan.strategies.get()
    measure = strategy.measures.get()
    client = login(process_owner)
    step(
        client,
        plan_session,
        op="add",
        kind="strategy",
        draft_version=draft.version,
        title="Catering",
        description="",
        owner="",
    )
    draft.refresh_from_db()
    new_key = [s for s in draft.content["strategies"] if s["title"] == "Catering"][0]["key"]
    step(
        client,
        plan_session,
        op="add",
        kind="measure",
        parent=new_key,
        draft_version=draft.version,
        name="Catering orders",
        unit="orders",
        target="40",
        direction="higher",
    )
    draft.refresh_from_db()
    step(
        client,
        plan_session,
        op="edit",
        kind="measure",
        key=f"m{measure.pk}",
        draft_version=draft.version,
        name="Online orders",
        unit="orders",
        target="250",
        direction="higher",
    )
    draft.refresh_from_db()
    step(
        client,
        plan_session,
        op="remove",
        kind="strategy",
        key=f"s{strategy.pk}",
        draft_version=draft.version,
    )
    draft.refresh_from_db()
    assert [s["title"] for s in draft.content["strategies"]] == ["Catering"]
    assert draft.content["strategies"][0]["measures"][0]["target"] == "40"
    assert Strategy.objects.filter(plan=plan).count() == 1  # live plan as it was
    html = minutes(client, plan_session)
    # added strategy, added measure, new target, retired strategy with its measure
    assert html.count("Draft of version 2") == 5
    assert "Strategy “Catering”: added." in html and "Measure “Catering orders”: added." in html
    assert "Strategy “Go online”: retired." in html and "250" in html


def test_a_goal_target_is_changed_in_the_draft(login, plan_session, plan, process_owner, owner):
    goal = plan.goals.get()
    draft = versions.start_draft(plan, owner)
    client = login(process_owner)
    page = client.get(url("run", plan_session) + f"?item={index_of(plan_session, 'draft-goals')}")
    assert "Revenue 1M" in page.content.decode()
    step(
        client,
        plan_session,
        op="edit",
        kind="goal",
        key=f"g{goal.pk}",
        draft_version=draft.version,
        title="Revenue 1M",
        measured_by="",
        target_value="1200000",
        target_unit="EUR",
        target_date="2028-12-31",
    )
    content = versions.draft_of(plan).content
    assert content["goals"][0]["target_value"] == "1200000"
    assert "new target" in minutes(client, plan_session)


def test_a_colleague_s_edit_of_the_draft_meanwhile_is_a_conflict(
    login, plan_session, plan, process_owner, owner
):
    draft = versions.start_draft(plan, owner)
    seen = draft.version
    strategy = plan.strategies.get()
    content = versions.draft_content(draft)
    versions.set_item(content, f"s{strategy.pk}", {"title": "Colleague's title"})
    versions.save_draft(draft, content, seen)
    response = step(
        login(process_owner),
        plan_session,
        op="edit",
        kind="strategy",
        key=f"s{strategy.pk}",
        draft_version=seen,
        title="Session's title",
        description="",
        owner="",
    )
    assert response.status_code == 422
    assert "changed the draft of the next version meanwhile" in response.content.decode()
    draft.refresh_from_db()
    assert draft.content["strategies"][0]["title"] == "Colleague's title"
    assert not plan_session.decisions.exists()


def test_a_draft_activated_meanwhile_is_a_conflict_too(
    login, plan_session, plan, process_owner, owner
):
    draft = versions.start_draft(plan, owner)
    versions.activate(draft, owner, "Done elsewhere")
    strategy = plan.strategies.get()
    response = step(
        login(process_owner),
        plan_session,
        op="remove",
        kind="strategy",
        key=f"s{strategy.pk}",
        draft_version=draft.version,
    )
    assert response.status_code == 422 and not plan_session.decisions.exists()
    assert plan.strategies.get() == strategy


@pytest.mark.parametrize(
    "data",
    [
        {"op": "edit", "kind": "strategy", "key": "s999999", "title": "x"},
        {"op": "add", "kind": "measure", "parent": "g1", "name": "x"},
        {"op": "drop", "kind": "strategy", "key": "s1"},
        {"op": "edit", "kind": "measure", "key": "mX", "target": "1e400"},
    ],
)
def test_a_step_on_nothing_of_the_draft_is_refused_with_a_message(
    login, plan_session, plan, process_owner, owner, data
):
    draft = versions.start_draft(plan, owner)
    response = step(login(process_owner), plan_session, draft_version=draft.version, **data)
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode() or "message" in response.content.decode()
    draft.refresh_from_db()
    assert draft.content == draft.base and not plan_session.decisions.exists()


def test_an_invalid_target_is_refused_and_the_draft_unchanged(
    login, plan_session, plan, process_owner, owner
):
    draft = versions.start_draft(plan, owner)
    measure = Measure.objects.get(strategy__plan=plan)
    response = step(
        login(process_owner),
        plan_session,
        op="edit",
        kind="measure",
        key=f"m{measure.pk}",
        draft_version=draft.version,
        name="Online orders",
        unit="orders",
        target="1e400",
        direction="higher",
    )
    assert response.status_code == 422
    draft.refresh_from_db()
    assert draft.content == draft.base


# --- Plan session: update the OGSM -----------------------------------------------------------


def test_the_final_item_compares_the_draft_and_activates_it_with_the_session_as_reason(
    login, plan_session, plan, process_owner, owner
):
    draft = versions.start_draft(plan, owner)
    strategy = plan.strategies.get()
    content = versions.draft_content(draft)
    versions.set_item(content, f"s{strategy.pk}", {"title": "Go online, regionally"})
    versions.save_draft(draft, content, draft.version)
    client = login(process_owner)
    index = index_of(plan_session, "update-ogsm")
    page = client.get(url("run", plan_session) + f"?item={index}").content.decode()
    assert "Go online, regionally" in page and "renamed" in page and "Activate version 2" in page
    response = client.post(
        url("activate", plan_session),
        {"reason": "Plan session 2027", "draft_version": draft.version, "item_index": index},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    strategy.refresh_from_db()
    assert plan.current_version == 2 and strategy.title == "Go online, regionally"
    active = PlanVersion.objects.get(plan=plan, number=2)
    assert active.status == "active" and active.reason == "Plan session 2027"
    assert PlanVersion.objects.get(plan=plan, number=1).content["strategies"][0]["title"] == (
        "Go online"
    )
    decision = plan_session.decisions.get()
    assert decision.type == Decision.Type.ACTIVATED
    assert "Version 2 of the OGSM is now active: Plan session 2027" in minutes(client, plan_session)


def test_activating_a_draft_changed_since_it_was_compared_is_a_conflict(
    login, plan_session, plan, process_owner, owner
):
    draft = versions.start_draft(plan, owner)
    seen = draft.version
    versions.save_draft(draft, versions.draft_content(draft), seen)
    response = login(process_owner).post(
        url("activate", plan_session), {"reason": "x", "draft_version": seen}
    )
    assert response.status_code == 422
    plan.refresh_from_db()
    assert plan.current_version == 1 and not plan_session.decisions.exists()


def test_without_a_draft_there_is_nothing_to_activate(login, plan_session, plan, process_owner):
    client = login(process_owner)
    index = index_of(plan_session, "update-ogsm")
    page = client.get(url("run", plan_session) + f"?item={index}").content.decode()
    assert "There is no draft of the next version" in page
    response = client.post(url("activate", plan_session), {"reason": "x", "draft_version": 1})
    assert response.status_code == 422 and not plan_session.decisions.exists()


def test_a_closed_session_changes_no_draft(login, plan_session, plan, process_owner, owner):
    draft = versions.start_draft(plan, owner)
    plan_session.state = "closed"
    plan_session.save()
    response = login(process_owner).post(
        url("activate", plan_session), {"reason": "x", "draft_version": draft.version}
    )
    assert response.status_code == 422
    plan.refresh_from_db()
    assert plan.current_version == 1
