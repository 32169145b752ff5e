"""The cached one-page OGSM is never stale: after every kind of change it equals a fresh render."""

import pytest
from django.urls import reverse

from koers.plans.models import Goal, Measure, Strategy
from tests.pages import assert_fresh, html


def page(client, plan):
    return html(client, reverse("plans:detail", args=["acme", plan.pk]))


def changes(plan, owner, process_owner):
    goal = plan.goals.first()
    strategy = plan.strategies.get()
    measure = Measure.objects.get()
    p = ("acme", plan.pk)
    return {
        "add goal": ("plans:goal_new", p, {"title": "New goal"}),
        "edit goal": ("plans:goal_edit", (*p, goal.pk), {"title": "Renamed", "version": 1}),
        "move goal": ("plans:goal_move", (*p, goal.pk), {"direction": "down"}),
        "delete goal": ("plans:goal_delete", (*p, goal.pk), {}),
        "objective": ("plans:objective_edit", p, {"objective": "New aim", "version": 1}),
        "plan details": (
            "plans:edit",
            p,
            {
                "name": "Renamed plan",
                "period": "2027",
                "start_date": "2027-01-01",
                "end_date": "2027-12-31",
                "version": 1,
            },
        ),
        "add strategy": ("plans:strategy_new", p, {"title": "New strategy"}),
        "edit strategy": (
            "plans:strategy_edit",
            (*p, strategy.pk),
            {"title": "S", "owner": process_owner.pk, "version": 1},
        ),
        "delete strategy": ("plans:strategy_delete", (*p, strategy.pk), {}),
        "add measure": (
            "plans:measure_new",
            (*p, strategy.pk),
            {"name": "M2", "direction": "lower"},
        ),
        "edit measure": (
            "plans:measure_edit",
            (*p, measure.pk),
            {"name": "M1", "direction": "lower", "version": 1},
        ),
        "delete measure": ("plans:measure_delete", (*p, measure.pk), {}),
        "rename owner": (
            "accounts:profile",
            (),
            {"first_name": "Mira", "last_name": "", "email": "mia@example.com", "language": ""},
        ),
    }


CHANGE_NAMES = [
    "add goal",
    "edit goal",
    "move goal",
    "delete goal",
    "objective",
    "plan details",
    "add strategy",
    "edit strategy",
    "delete strategy",
    "add measure",
    "edit measure",
    "delete measure",
    "rename owner",
]


@pytest.mark.parametrize("change", CHANGE_NAMES)
def test_no_change_leaves_a_stale_cached_page(change, login, plan, owner, process_owner, member):
    Goal.objects.create(plan=plan, title="Second goal", position=1)
    client = login(owner)
    page(client, plan)  # fill the cache
    name, args, data = changes(plan, owner, process_owner)[change]
    if change == "rename owner":
        client = login(member)  # the strategy owner renames themselves
        page(client, plan)
    response = client.post(reverse(name, args=args), data)
    assert response.status_code in (200, 302)
    client = login(owner)
    assert_fresh(
        client, reverse("plans:detail", args=["acme", plan.pk]), page(client, plan), change
    )


def test_admin_style_saves_also_refresh_the_page(login, plan, owner):
    client = login(owner)
    page(client, plan)
    Strategy.objects.filter(plan=plan).first().save()  # e.g. an edit in Django's admin
    strategy = Strategy.objects.get()
    strategy.title = "Changed in the admin"
    strategy.save()
    assert "Changed in the admin" in page(client, plan)


def test_a_rename_in_another_process_refreshes_the_page(login, plan, owner, member):
    """Each server process keeps its own cache; the revision in the database tells them all."""
    client = login(owner)
    assert "Mira" not in page(client, plan)
    member.first_name = "Mira"
    member.save()  # e.g. the admin, or another worker: nothing touches this process's cache
    assert "Mira" in page(client, plan)


def test_logging_in_does_not_throw_away_everyone_s_cached_pages(login, plan, owner, member):
    workspace = plan.workspace
    workspace.refresh_from_db()
    before = workspace.revision
    login(member)
    workspace.refresh_from_db()
    assert workspace.revision == before


def test_the_cached_workspace_page_shows_a_new_or_renamed_plan(login, plan, owner, member):
    client = login(member)
    url = reverse("plans:workspace", args=["acme"])
    assert "Shop 2028" not in client.get(url).content.decode()  # fills the cache
    login(owner).post(
        reverse("plans:new", args=["acme"]),
        {
            "name": "Shop 2028",
            "period": "2028",
            "start_date": "2028-01-01",
            "end_date": "2028-12-31",
        },
    )
    assert "Shop 2028" in client.get(url).content.decode()
    plan.name = "Renamed in the admin"
    plan.save()
    assert "Renamed in the admin" in client.get(url).content.decode()


@pytest.mark.parametrize("change", ["objective", "archived", "new plan", "action update"])
def test_the_kept_plan_list_of_the_workspace_page_is_never_stale(change, login, plan, member):
    """The workspace page keeps its list of plans under their rows (koers.lib.keptrows)."""
    from datetime import date

    from koers.actions import rules as action_rules
    from koers.actions.tests.factories import make_action
    from koers.plans.models import Plan

    url = reverse("plans:workspace", args=["acme"])
    client = login(member)
    before = html(client, url)
    if change == "objective":
        plan.objective = "Bake for the whole town."
        plan.save()
    elif change == "archived":
        plan.archived_at = plan.created_at
        plan.save()
    elif change == "new plan":
        Plan.objects.create(
            workspace=plan.workspace,
            name="Shop",
            period="2028",
            start_date=date(2028, 1, 1),
            end_date=date(2028, 12, 31),
        )
    else:
        action = make_action(plan.strategies.get(), member, "Bake")
        action_rules.post_update(action, member, did="x", progress=5, colour="red")
    after = html(client, url)
    assert_fresh(client, url, after, change)
    assert (after != before) is (change != "action update"), change
