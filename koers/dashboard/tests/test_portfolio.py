"""The portfolio: every plan of the workspace under the items it serves, with its version,
health, owners and status; filtered by owner and status; cached; constant queries."""

from functools import partial

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import Role
from koers.actions import rules as action_rules
from koers.actions.models import Action, StrategyUpdate
from koers.dashboard import portfolio
from koers.plans import cascade, versions
from koers.plans.models import Plan, PlanRole, Strategy
from koers.plans.tests.factories import make_plan
from tests.pages import assert_fresh, fresh_queries, html, queries


def _plan(workspace, name):
    plan = make_plan(workspace, name)
    Strategy.objects.create(plan=plan, title=f"{name} strategy")
    return plan


def _row(plan):
    return f'data-plan="{plan.pk}"'


def _top_with_children(workspace, n):
    """Only a plan "Top" and `n` plans under it, each with a red action."""
    Plan.objects.all().delete()
    top = _plan(workspace, "Top")
    for i in range(n):
        child = _plan(workspace, f"Child {i}")
        cascade.link(child, top.strategies.get())
        Action.objects.create(strategy=child.strategies.get(), title="A", colour="red")


def _served_after(client, url, why, change):
    """The page served after `change`, once every line was kept, checked against a fresh one."""
    html(client, url)
    change()
    served = html(client, url)
    assert_fresh(client, url, served, why)
    return served


def _url(workspace, query=""):
    return reverse("dashboard:portfolio", args=[workspace.slug]) + query


def test_tree_puts_children_under_each_plan_they_serve():
    parents = {2: {1: ["S1"]}, 3: {1: ["S2"], 2: ["S1"]}, 4: {99: ["elsewhere"]}}
    rows = portfolio.tree([1, 2, 3, 4], parents)
    assert [(r.plan_id, r.depth) for r in rows] == [(1, 0), (2, 1), (3, 2), (3, 1), (4, 0)]
    assert [r.several for r in rows if r.plan_id == 3] == [True, True]
    assert rows[1].via == ("S1",)
    # A filtered-out parent leaves its child at the top.
    assert [(r.plan_id, r.depth) for r in portfolio.tree([2, 3], parents)] == [(2, 0), (3, 1)]


@pytest.fixture
def cascaded(workspace, owner, member):
    org = _plan(workspace, "Organisation")
    sales = _plan(workspace, "Sales")
    service = _plan(workspace, "Service")
    cascade.link(sales, org.strategies.get())
    cascade.link(service, org.strategies.get())
    cascade.link(service, sales.strategies.get())
    PlanRole.objects.create(plan=sales, user=member, role=Role.OGSM_OWNER)
    StrategyUpdate.objects.create(
        strategy=sales.strategies.get(), colour="orange", created_at=timezone.now()
    )
    Action.objects.create(strategy=sales.strategies.get(), title="Call", colour="red")
    return org, sales, service


def test_the_portfolio_shows_the_tree_with_health_owners_and_status(
    login, owner, workspace, cascaded
):
    org, sales, service = cascaded
    versions.start_draft(service, owner)
    page = html(login(owner), _url(workspace))
    assert page.index("Organisation") < page.index("Sales") < page.index("Service")
    assert page.count(_row(service)) == 2  # under both plans it serves
    assert "serves several plans" in page
    assert "Orange" in page and "1 action red or overdue" in page
    assert "Next version in draft" in page
    assert "Portfolio" in page  # in the workspace navigation


def test_owner_and_status_filters(login, owner, member, workspace, cascaded):
    org, sales, service = cascaded
    client = login(owner)
    mine = html(client, _url(workspace, f"?owner={member.pk}"))
    assert _row(sales) in mine and _row(org) not in mine
    Plan.objects.filter(pk=org.pk).update(archived_at=timezone.now())
    archived = html(client, _url(workspace, "?status=archived"))
    assert _row(org) in archived and _row(sales) not in archived


@pytest.mark.parametrize("query", ["?owner=abc", "?owner=99999", "?status=lost", "?owner=1" * 30])
def test_bad_filters_are_a_visible_message_not_an_error(login, owner, workspace, cascaded, query):
    response = login(owner).get(_url(workspace, query))
    # An id that is no owner here is only known after loading: shown on the (cached) page.
    assert response.status_code == (200 if query == "?owner=99999" else 400)
    assert "There is no such" in response.content.decode()


def test_outsiders_do_not_see_the_portfolio(login, outsider, workspace):
    assert login(outsider).get(_url(workspace)).status_code == 404


def test_the_portfolio_costs_the_same_queries_for_2_or_20_plans(login, owner, workspace):
    client = login(owner)

    def count(n):
        _top_with_children(workspace, n)
        return fresh_queries(client, _url(workspace))

    assert count(2) == count(20)


def test_the_cached_portfolio_follows_links_and_updates(login, owner, workspace, cascaded):
    org, sales, service = cascaded
    client = login(owner)
    url = _url(workspace)
    html(client, url)
    made = cascade.link(sales, Strategy.objects.create(plan=org, title="Second"))
    assert_fresh(client, url, html(client, url), "linked")
    cascade.unlink(made)
    assert_fresh(client, url, html(client, url), "unlinked")
    StrategyUpdate.objects.create(
        strategy=org.strategies.first(), colour="red", created_at=timezone.now()
    )
    assert_fresh(client, url, html(client, url), "a strategy update")


def test_each_plans_kept_line_follows_every_change_it_shows(
    login, owner, member, workspace, cascaded
):
    org, sales, service = cascaded
    client = login(owner)
    url = _url(workspace)
    action = Action.objects.get(title="Call")
    changed = partial(_served_after, client, url)

    def update(model, pk, **values):
        # As a versioned save does: the row changes and the workspace revision with it.
        model.objects.filter(pk=pk).update(**values)
        model.objects.get(pk=pk).save()

    page = changed("action green", lambda: update(Action, action.pk, colour="green"))
    assert "action red or overdue" not in page
    page = changed("action overdue", lambda: update(Action, action.pk, due_date="2020-01-01"))
    assert "1 action red or overdue" in page
    page = changed("action done", lambda: update(Action, action.pk, status="done"))
    assert "action red or overdue" not in page
    page = changed("renamed", lambda: update(Plan, sales.pk, name="Sales 2027"))
    assert "Sales 2027" in page
    member.first_name = "Mira"
    page = changed("owner's name", member.save)
    assert "Mira" in page
    page = changed("owner left", lambda: PlanRole.objects.filter(plan=sales).delete())
    assert "Mira" not in page
    page = changed("draft", lambda: versions.start_draft(sales, owner))
    assert page.count("Next version in draft") == 2  # the filter's choice and the line


def test_the_portfolio_counts_late_actions_as_the_dashboard_rule_does(workspace):
    from datetime import date, timedelta

    from koers.dashboard import status

    plan = _plan(workspace, "Counted")
    strategy = plan.strategies.get()
    today = date(2027, 6, 1)
    cases = [
        ("red", None),
        ("red", today + timedelta(days=3)),
        ("orange", today - timedelta(days=1)),
        ("green", today),
        ("", None),
        ("green", today + timedelta(days=1)),
        ("orange", None),
    ]
    for n, (colour, due) in enumerate(cases):
        Action.objects.create(strategy=strategy, title=f"A{n}", colour=colour, due_date=due)
    rule = status.behind([], cases, today).late
    assert rule == 3
    assert portfolio.plan_statuses([plan], today)[plan.pk].behind.late == rule


def test_each_plans_kept_status_follows_every_write_path_that_changes_it(
    login, owner, workspace, cascaded, time_machine
):
    """A plan's line is kept per plan (koers.dashboard.per_plan): after each real write its
    status could depend on, the served page equals a fresh render."""
    from datetime import date
    from decimal import Decimal

    from koers.dashboard import services
    from koers.dashboard.models import Kpi, Measurement
    from koers.dashboard.tests.factories import department
    from koers.plans import retiring
    from koers.plans import rules as plan_rules

    time_machine.move_to(date(2027, 6, 15))
    org, sales, service = cascaded
    shops, kpi = department(workspace, "Shops", org.strategies.get())
    line = {"baseline_value": 0, "baseline_date": date(2027, 1, 1), "target_value": 100}
    for name, value in {**line, "target_date": date(2027, 12, 31)}.items():
        setattr(kpi, name, value)
    services.save_kpi_settings(kpi, [*line, "target_date"], kpi.version)
    may = date(2027, 5, 1)
    figure = Measurement.objects.create(kpi=kpi, period=may, value=Decimal(50))
    client = login(owner)
    url = _url(workspace)
    changed = partial(_served_after, client, url)

    page = changed("milestone set", lambda: services.set_milestone(kpi, may, Decimal(90)))
    assert "1 KPI off track" in page
    page = changed("milestone changed", lambda: services.set_milestone(kpi, may, Decimal(45)))
    assert "KPI off track" not in page
    page = changed("milestone again", lambda: services.set_milestone(kpi, may, Decimal(90)))
    assert "1 KPI off track" in page
    seen = services.milestones_seen(list(kpi.targets.all()))
    page = changed("milestone removed", lambda: services.change_milestone(kpi, may, None, seen))
    assert "KPI off track" not in page

    def correct():
        figure.value = Decimal(1)
        services.correct_figure(figure, ["value"], figure.version)

    page = changed("figure corrected", correct)
    assert "1 KPI off track" in page

    def lower_is_better():
        fresh_kpi = Kpi.objects.get(pk=kpi.pk)
        fresh_kpi.direction = "lower"
        services.save_kpi_settings(fresh_kpi, ["direction"], fresh_kpi.version)

    page = changed("KPI setting", lower_is_better)
    assert "KPI off track" not in page
    strategy = shops.strategies.get()
    action = Action.objects.create(strategy=strategy, title="Open", colour="green")
    page = changed(
        "action update",
        lambda: action_rules.post_update(action, owner, did="x", progress=5, colour="red"),
    )
    assert page.count("1 action red or overdue") == 2  # Sales's and Shops's
    page = changed("action done", lambda: action_rules.close_action(action, owner, "finished"))
    assert page.count("1 action red or overdue") == 1
    page = changed(
        "strategy colour",
        lambda: action_rules.post_strategy_update(strategy, owner, did="x", colour="red"),
    )
    page = changed("strategy retired", lambda: retiring.retire(sales.strategies.get(), owner))
    assert "action red or overdue" not in page
    second = Strategy.objects.create(plan=shops, title="Second", position=1)
    page = changed("reordered", lambda: plan_rules.move_item(second, shops.strategies, -1))
    shops.name = "Shops 2027"
    page = changed("renamed", lambda: plan_rules.save_plan_fields(shops, ["name"], shops.version))
    assert "Shops 2027" in page

    def archive():
        shops.archived_at = timezone.now()
        shops.save(update_fields=["archived_at"])

    changed("archived", archive)


def test_a_change_in_one_plan_recomputes_only_that_plans_line(login, owner, workspace, cascaded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    org, sales, service = cascaded
    plans = list(portfolio.with_revisions(Plan.objects.order_by("pk")))
    portfolio.plan_statuses(plans, timezone.localdate())
    action = Action.objects.get(title="Call")
    action_rules.post_update(action, owner, did="x", progress=5, colour="red")
    plans = list(portfolio.with_revisions(Plan.objects.order_by("pk")))
    with CaptureQueriesContext(connection) as ctx:
        portfolio.plan_statuses(plans, timezone.localdate(), with_owners=False)
    # Sales's actions; its KPIs, strategies and versions and the other plans from the cache.
    assert len(ctx.captured_queries) == 1
    assert all(str(sales.pk) in q["sql"] for q in ctx.captured_queries)
    assert all(f"({org.pk}" not in q["sql"] for q in ctx.captured_queries)


def test_after_a_change_the_portfolio_costs_the_same_queries_for_2_or_20_plans(
    login, owner, workspace
):
    client = login(owner)

    def count(n):
        _top_with_children(workspace, n)
        html(client, _url(workspace))
        action = Action.objects.filter(title="A").first()
        action_rules.post_update(action, owner, did="x", progress=5, colour="green")
        return queries(client, _url(workspace))

    assert count(2) == count(20)
