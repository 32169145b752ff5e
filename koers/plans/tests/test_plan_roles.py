"""Roles per plan: a role on one plan replaces the workspace role there, up and down."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from koers.accounts.models import Membership, Role
from koers.accounts.permissions import Can, can
from koers.accounts.services import remove_member
from koers.actions.models import Action, ActionUpdate, Status
from koers.actions.rules import can_answer_request, can_update
from koers.history.models import Change
from koers.plans import roles
from koers.plans.models import Plan, PlanRole
from tests.pages import html


@pytest.fixture
def other_plan(workspace):
    return Plan.objects.create(
        workspace=workspace,
        name="Bakery department",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )


def _edit_url(plan):
    return reverse("plans:edit", args=[plan.workspace.slug, plan.pk])


def _roles_url(plan):
    return reverse("plans:roles", args=[plan.workspace.slug, plan.pk])


def test_a_member_who_owns_one_plan_edits_it_and_only_reads_the_other(
    plan, other_plan, member, login
):
    PlanRole.objects.create(plan=other_plan, user=member, role=Role.OGSM_OWNER)
    client = login(member)
    assert client.get(_edit_url(other_plan)).status_code == 200
    assert client.get(_edit_url(plan)).status_code == 403
    page = client.get(reverse("plans:detail", args=["acme", other_plan.pk])).content.decode()
    assert "Plan details" in page and "Roles on this plan" in page


def test_an_owner_who_is_viewer_of_a_plan_cannot_edit_it(plan, other_plan, owner, login):
    PlanRole.objects.create(plan=plan, user=owner, role=Role.VIEWER)
    client = login(owner)
    response = client.post(_edit_url(plan), {"name": "Hijack", "version": plan.version})
    assert response.status_code == 403
    page = client.get(reverse("plans:detail", args=["acme", plan.pk])).content.decode()
    assert "Plan details" not in page
    assert client.get(_edit_url(other_plan)).status_code == 200


def test_rights_not_about_a_plan_keep_following_the_workspace_role(owner, member):
    viewer_here = roles.effective_membership(Membership.objects.get(user=owner), Role.VIEWER, 1)
    assert not can(viewer_here, Can.EDIT_PLAN)
    assert can(viewer_here, Can.INVITE) and can(viewer_here, Can.MANAGE_ROLES)
    owner_here = roles.effective_membership(Membership.objects.get(user=member), "ogsm_owner", 1)
    assert can(owner_here, Can.EDIT_PLAN) and can(owner_here, Can.RUN_SESSIONS)
    assert not can(owner_here, Can.INVITE) and not can(owner_here, Can.CREATE_PLAN)


def test_update_rights_across_plans_count_each_plans_role(plan, other_plan, member, viewer):
    mine = Action.objects.create(strategy=plan.strategies.get(), title="Website", owner=viewer)
    other = Action.objects.create(
        strategy=other_plan.strategies.create(title="Ovens", position=0), title="Buy", owner=member
    )
    PlanRole.objects.create(plan=plan, user=viewer, role=Role.MEMBER)
    PlanRole.objects.create(plan=other_plan, user=member, role=Role.VIEWER)
    as_viewer = Membership.objects.select_related("user").get(user=viewer)
    as_member = Membership.objects.select_related("user").get(user=member)
    assert can_update(as_viewer, mine)  # a workspace viewer, member of this plan
    assert not can_update(as_member, other)  # a workspace member, viewer of that plan
    PlanRole.objects.create(plan=other_plan, user=viewer, role=Role.PROCESS_OWNER)
    as_viewer = Membership.objects.select_related("user").get(user=viewer)
    request = ActionUpdate.objects.create(
        action=other,
        need="Help",
        need_from=member,
        progress=0,
        colour="green",
        created_at=timezone.now(),
    )
    assert can_answer_request(as_viewer, request)


def test_the_workspace_membership_reads_its_plan_roles_once(plan, other_plan, viewer):
    PlanRole.objects.create(plan=plan, user=viewer, role=Role.MEMBER)
    membership = Membership.objects.select_related("user").get(user=viewer)
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(3):
            assert can(roles.on_plan(membership, plan.pk), Can.UPDATE_OWN_ACTION)
            assert not can(roles.on_plan(membership, other_plan.pk), Can.UPDATE_OWN_ACTION)
    assert len(ctx.captured_queries) == 1


def _people(plan, workspace, extra: int, prefix="p"):
    for i in range(extra):
        person = make_user(f"{prefix}{i}")
        Membership.objects.create(workspace=workspace, user=person, role=Role.VIEWER)
        PlanRole.objects.create(plan=plan, user=person, role=Role.MEMBER)
    with CaptureQueriesContext(connection) as ctx:
        people = list(roles.people_on_plan(plan))
    return people, len(ctx.captured_queries)


def test_the_plan_picker_offers_who_can_act_on_this_plan(
    plan, workspace, owner, member, viewer, process_owner
):
    PlanRole.objects.create(plan=plan, user=viewer, role=Role.MEMBER)
    PlanRole.objects.create(plan=plan, user=process_owner, role=Role.VIEWER)
    people, _ = _people(plan, workspace, 0)
    assert viewer in people and member in people and owner in people
    assert process_owner not in people
    form_people = list(roles.people_on_plan(plan, besides=owner))
    assert owner not in form_people


def test_the_plan_picker_costs_one_query_with_2_or_20_plan_roles(plan, workspace, owner):
    few, few_queries = _people(plan, workspace, 2)
    many, many_queries = _people(plan, workspace, 18, prefix="q")
    assert few_queries == many_queries == 1
    assert len(many) >= 20


def test_the_plans_owner_sets_a_role_on_the_roles_page(plan, owner, member, viewer, login):
    client = login(owner)
    page = client.get(_roles_url(plan)).content.decode()
    assert "As in the workspace" in page and "Victor" in page
    response = client.post(
        _roles_url(plan), {"user": viewer.pk, "role": Role.PROCESS_OWNER, "version": 0}
    )
    assert response.status_code == 302
    assert PlanRole.objects.get(plan=plan, user=viewer).role == Role.PROCESS_OWNER
    assert Change.objects.filter(kind__icontains="planrole").exists()  # the change log has it
    stale = client.post(_roles_url(plan), {"user": viewer.pk, "role": "", "version": 0})
    assert stale.status_code == 422
    assert PlanRole.objects.filter(plan=plan, user=viewer).exists()
    for mangled in ({}, {"version": "１"}):  # without its version, or a mangled one: a conflict
        response = client.post(_roles_url(plan), {"user": viewer.pk, "role": "", **mangled})
        assert response.status_code == 422
        assert "Someone else saved a change" in response.content.decode()
    assert PlanRole.objects.filter(plan=plan, user=viewer).exists()
    client.post(_roles_url(plan), {"user": viewer.pk, "role": "", "version": 1})
    assert not PlanRole.objects.filter(plan=plan, user=viewer).exists()


def test_the_last_owner_of_a_plan_cannot_step_down(plan, owner, login):
    response = login(owner).post(
        _roles_url(plan), {"user": owner.pk, "role": Role.VIEWER, "version": 0}
    )
    assert response.status_code == 422
    assert "keep at least one OGSM owner" in response.content.decode()
    assert not PlanRole.objects.exists()


def test_a_plan_owner_manages_its_roles_but_grants_no_more_than_they_have(
    plan, other_plan, member, viewer, process_owner, login
):
    PlanRole.objects.create(plan=other_plan, user=member, role=Role.OGSM_OWNER)
    client = login(member)
    assert client.get(_roles_url(plan)).status_code == 403
    response = client.post(
        _roles_url(other_plan), {"user": viewer.pk, "role": Role.MEMBER, "version": 0}
    )
    assert response.status_code == 302
    assert login(process_owner).get(_roles_url(other_plan)).status_code == 403


def test_a_manager_who_only_views_a_plan_grants_nothing_above_viewer(plan, owner, member, login):
    PlanRole.objects.create(plan=plan, user=member, role=Role.OGSM_OWNER)
    PlanRole.objects.create(plan=plan, user=owner, role=Role.VIEWER)
    client = login(owner)
    page = client.get(_roles_url(plan)).content.decode()
    assert 'value="ogsm_owner"' not in page
    response = client.post(_roles_url(plan), {"user": owner.pk, "role": "", "version": 1})
    assert response.status_code == 422
    assert PlanRole.objects.get(plan=plan, user=owner).role == Role.VIEWER


def test_only_members_of_the_workspace_get_a_plan_role(plan, owner, outsider, login):
    response = login(owner).post(
        _roles_url(plan), {"user": outsider.pk, "role": Role.MEMBER, "version": 0}
    )
    assert response.status_code == 422
    assert not PlanRole.objects.exists()


def test_leaving_the_workspace_removes_the_persons_plan_roles(plan, viewer):
    PlanRole.objects.create(plan=plan, user=viewer, role=Role.MEMBER)
    remove_member(Membership.objects.get(user=viewer))
    assert not PlanRole.objects.exists()


def test_the_cached_plan_page_shows_the_new_rights_after_a_plan_role_change(
    plan, owner, member, login
):
    client = login(member)
    url = reverse("plans:detail", args=["acme", plan.pk])
    assert "Plan details" not in html(client, url)
    assert "Plan details" not in html(client, url)  # now from the cache
    roles.set_plan_role(
        plan,
        roles.effective_membership(Membership.objects.get(user=owner), None, plan.pk),
        member.pk,
        Role.OGSM_OWNER,
        0,
    )
    assert "Plan details" in html(client, url)


def test_the_roles_page_costs_the_same_with_2_or_20_plan_roles(plan, workspace, owner, login):
    client = login(owner)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_roles_url(plan)).status_code == 200
        return len(ctx.captured_queries)

    _people(plan, workspace, 2)
    few = count()
    _people_more = [make_user(f"q{i}") for i in range(18)]
    for person in _people_more:
        Membership.objects.create(workspace=workspace, user=person, role=Role.VIEWER)
        PlanRole.objects.create(plan=plan, user=person, role=Role.MEMBER)
    assert count() == few


def test_the_members_page_lists_each_persons_plan_roles(plan, other_plan, owner, viewer, login):
    PlanRole.objects.create(plan=other_plan, user=viewer, role=Role.OGSM_OWNER)
    page = login(owner).get(reverse("accounts:members", args=["acme"])).content.decode()
    assert "Bakery department: OGSM owner" in page


def test_the_update_links_of_the_mails_follow_the_role_on_the_sessions_plan(plan, member, viewer):
    from koers.meetings import links
    from koers.meetings.tests.factories import make_session

    session = make_session(plan, days_ahead=5)
    token = links.issue(session, member)
    assert links.check(token) is not None
    PlanRole.objects.create(plan=plan, user=member, role=Role.VIEWER)
    assert links.check(token) is None  # only reads this plan now: the link opens nothing
    PlanRole.objects.create(plan=plan, user=viewer, role=Role.MEMBER)
    assert links.check(links.issue(session, viewer)) is not None


def test_my_updates_lists_only_plans_where_the_person_may_update(
    plan, other_plan, member, viewer, login
):
    assert login(viewer).get(reverse("meetings:my_updates", args=["acme"])).status_code == 403
    PlanRole.objects.create(plan=other_plan, user=viewer, role=Role.MEMBER)
    assert login(viewer).get(reverse("meetings:my_updates", args=["acme"])).status_code == 200


def test_my_updates_leaves_out_the_actions_of_a_plan_the_person_only_reads(
    plan, other_plan, member, login
):
    from koers.actions.tests.factories import make_action
    from koers.meetings.tests.factories import make_session

    make_session(plan, days_ahead=3)
    make_session(other_plan, days_ahead=3)
    make_action(plan.strategies.get(), member, title="Open the web shop")
    make_action(other_plan.strategies.create(title="Ovens", position=0), member, title="Buy ovens")
    PlanRole.objects.create(plan=other_plan, user=member, role=Role.VIEWER)
    page = login(member).get(reverse("meetings:my_updates", args=["acme"])).content.decode()
    assert "Open the web shop" in page
    assert "Buy ovens" not in page


def test_a_plan_whose_owner_left_is_not_stuck(plan, owner, member, login):
    PlanRole.objects.create(plan=plan, user=member, role=Role.OGSM_OWNER)
    PlanRole.objects.create(plan=plan, user=owner, role=Role.VIEWER)
    remove_member(Membership.objects.get(user=member))  # nobody can edit the plan now
    client = login(owner)
    response = client.post(_roles_url(plan), {"user": owner.pk, "role": "", "version": 1})
    assert response.status_code == 302
    assert client.get(_edit_url(plan)).status_code == 200


def test_the_members_page_warns_of_a_plan_nobody_can_edit_any_more(
    plan, other_plan, owner, member, process_owner, login
):
    PlanRole.objects.create(plan=plan, user=member, role=Role.OGSM_OWNER)
    PlanRole.objects.create(plan=plan, user=owner, role=Role.VIEWER)
    members = reverse("accounts:members", args=["acme"])
    assert "Nobody can edit these plans" not in html(login(owner), members)
    remove_member(Membership.objects.get(user=member))  # the plan's only editor leaves
    page = html(login(owner), members)
    warning = page[page.index("Nobody can edit these plans") :]
    assert f'href="{_roles_url(plan)}"' in warning and plan.name in warning
    assert other_plan.name not in warning  # its editors follow the workspace roles
    # Only role managers, who can repair it, see the warning.
    assert "Nobody can edit these plans" not in html(login(process_owner), members)
    PlanRole.objects.filter(plan=plan, user=owner).delete()  # the manager restores an editor
    assert "Nobody can edit these plans" not in html(login(owner), members)


def test_the_warning_costs_one_query_whatever_the_number_of_plans(workspace, owner, login):
    client = login(owner)
    members = reverse("accounts:members", args=["acme"])

    def count(n):
        for i in range(n):
            p = Plan.objects.create(
                workspace=workspace, name=f"P{n}-{i}", period="2027",
                start_date=date(2027, 1, 1), end_date=date(2027, 12, 31),
            )  # fmt: skip
            PlanRole.objects.create(plan=p, user=owner, role=Role.VIEWER)
        with CaptureQueriesContext(connection) as queries:
            page = html(client, members)
        assert page.count("/roles/") >= n
        return len(queries)

    assert count(2) == count(20)


def test_the_roles_page_warns_of_open_actions_someone_can_no_longer_update(
    plan, owner, member, login
):
    strategy = plan.strategies.first()
    for title in ("Bake rye", "Print flyers"):
        Action.objects.create(strategy=strategy, title=title, owner=member)
    Action.objects.create(strategy=strategy, title="Done", owner=member, status=Status.DONE)
    client = login(owner)
    assert "cannot update" not in client.get(_roles_url(plan)).content.decode()
    client.post(_roles_url(plan), {"user": member.pk, "role": Role.VIEWER, "version": 0})
    page = client.get(_roles_url(plan)).content.decode()
    assert "Owns 2 open actions on this plan but cannot update them with this role" in page
    nl = client.get(_roles_url(plan), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "kan ze met deze rol niet bijwerken" in nl
