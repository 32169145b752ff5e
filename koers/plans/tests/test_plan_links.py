"""Linking a plan under another plan's strategy or goal on the plan page: the "Serves" section,
the plans serving an item on the parent, the change notice and marking it seen."""

import pytest
from django.urls import reverse

from koers.plans import cascade, serving, versions
from koers.plans.models import Goal, Measure, Plan, PlanLink, Strategy
from koers.plans.tests.factories import make_plan
from tests.pages import assert_fresh, fresh_queries, html


def _plan(workspace, name, strategies=1):
    plan = make_plan(workspace, name)
    for n in range(strategies):
        strategy = Strategy.objects.create(plan=plan, title=f"{name} strategy {n + 1}", position=n)
        Measure.objects.create(strategy=strategy, name=f"{name} measure {n + 1}")
    Goal.objects.create(plan=plan, title=f"{name} goal")
    return plan


def _url(name, plan, *args):
    return reverse(f"plans:{name}", args=[plan.workspace.slug, plan.pk, *args])


def _new_version(plan, by, change):
    """Draft the next version, change its content, activate it."""
    draft = versions.start_draft(plan, by)
    content = versions.draft_content(draft)
    change(content)
    versions.save_draft(draft, content, draft.version)
    versions.activate(draft, by, "Sharpened")
    plan.refresh_from_db()


@pytest.fixture
def org(workspace):
    return _plan(workspace, "Organisation", strategies=2)


@pytest.fixture
def sales(workspace):
    return _plan(workspace, "Sales")


def test_owner_links_a_plan_under_a_strategy_and_both_pages_show_it(login, owner, org, sales):
    client = login(owner)
    strategy = org.strategies.first()
    form = client.get(_url("serve", sales))
    assert "Organisation strategy 1" in form.content.decode()
    response = client.post(_url("serve", sales), {"item": f"s{strategy.pk}"})
    assert response.status_code == 302
    child_page = html(client, _url("detail", sales))
    assert "Serves" in child_page and "Organisation strategy 1" in child_page
    parent_page = html(client, _url("detail", org))
    assert "Plans serving this:" in parent_page and "Sales" in parent_page


def test_a_link_that_would_go_round_in_a_circle_is_not_offered_and_refused_visibly(
    login, owner, org, sales
):
    cascade.link(sales, org.strategies.first())
    client = login(owner)
    sales_strategy = sales.strategies.get()
    form = client.get(_url("serve", org)).content.decode()
    assert "Sales strategy 1" not in form  # Sales serves the organisation: it is below it
    response = client.post(_url("serve", org), {"item": f"s{sales_strategy.pk}"})
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert PlanLink.objects.count() == 1


def test_a_race_into_a_circle_shows_the_cascade_message(login, owner, org, sales, monkeypatch):
    """The choices were offered before someone linked the other way round: the rule refuses."""
    monkeypatch.setattr(
        serving,
        "link_choices",
        lambda plan: [("x", [(f"s{s.pk}", "s") for s in Strategy.objects.all()])],
    )
    cascade.link(sales, org.strategies.first())
    client = login(owner)
    response = client.post(
        _url("serve", org), {"item": f"s{sales.strategies.get().pk}"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "go round in a circle" in response.content.decode()


def test_removing_a_link_needs_the_version_shown(login, owner, org, sales):
    made = cascade.link(sales, org.strategies.first())
    client = login(owner)
    stale = client.post(_url("unserve", sales, made.pk), {"version": made.version + 1})
    assert stale.status_code == 422 and PlanLink.objects.exists()
    assert (
        client.post(_url("unserve", sales, made.pk), {"version": made.version}).status_code == 302
    )
    assert not PlanLink.objects.exists()


def test_a_viewer_sees_the_link_but_cannot_change_it(login, viewer, org, sales):
    made = cascade.link(sales, org.strategies.first())
    client = login(viewer)
    page = html(client, _url("detail", sales))
    assert "Organisation strategy 1" in page and "Remove link" not in page
    assert client.post(_url("unserve", sales, made.pk), {"version": 1}).status_code == 403
    assert client.get(_url("serve", sales)).status_code == 403


def test_the_child_sees_a_change_of_the_strategy_it_serves_until_marked_seen(
    login, owner, org, sales
):
    strategy = org.strategies.first()
    made = cascade.link(sales, strategy)
    client = login(owner)
    assert "changed in version" not in html(client, _url("detail", sales))

    def rename(content):
        content["strategies"][0]["title"] = "Grow online, abroad too"
        content["strategies"][0]["measures"][0]["target"] = "40"
        content["strategies"][1]["title"] = "Another strategy renamed"

    _new_version(org, owner, rename)
    blind = client.post(_url("serve_seen", sales, made.pk), {}, HTTP_HX_REQUEST="true")
    assert blind.status_code == 422 and "Someone else saved" in blind.content.decode()
    page = html(client, _url("detail", sales))
    assert_fresh(client, _url("detail", sales), page, "the parent activated a version")
    assert "The strategy you serve changed in version 2." in page
    assert "Grow online, abroad too" in page and "new target" in page
    assert "Another strategy renamed" not in page  # not the item this plan serves
    seen = client.post(_url("serve_seen", sales, made.pk), {"version": made.version})
    assert seen.status_code == 302
    page = html(client, _url("detail", sales))
    assert "changed in version" not in page
    assert_fresh(client, _url("detail", sales), page, "marked seen")
    made.refresh_from_db()
    assert made.seen_version == 2


def test_a_version_that_leaves_the_served_item_alone_shows_no_notice(login, owner, org, sales):
    cascade.link(sales, org.strategies.first())

    def other(content):
        content["strategies"][1]["title"] = "Only the second one"

    _new_version(org, owner, other)
    assert "changed in version" not in html(login(owner), _url("detail", sales))


def test_a_retired_parent_strategy_is_said_so_on_the_child(login, owner, org, sales):
    strategy = org.strategies.first()
    cascade.link(sales, strategy)

    def drop(content):
        versions.remove_item(content, f"s{strategy.pk}")

    _new_version(org, owner, drop)
    page = html(login(owner), _url("detail", sales))
    assert "The strategy you serve was retired in version 2." in page


def test_notice_rule_names_the_last_version_that_changed_the_item():
    def content(title, target="10"):
        measure = {"key": "m1", "id": 1, "name": "M", "unit": "", "target": target}
        measure["direction"] = "higher"
        strategy = {"key": "s1", "id": 1, "title": title, "description": "", "owner_id": None}
        return {"goals": [], "strategies": [{**strategy, "owner": "", "measures": [measure]}]}

    contents = {1: content("A"), 2: content("B"), 3: content("B"), 4: content("B", "12")}
    notice = serving.notice_for("strategy", "s1", contents, 1, 4)
    assert notice.version == 4 and not notice.retired
    assert {c.change for c in notice.changes} == {"renamed", "retargeted"}
    assert serving.notice_for("strategy", "s1", contents, 2, 3) is None
    gone = {1: content("A"), 2: {"goals": [], "strategies": []}}
    assert serving.notice_for("strategy", "s1", gone, 1, 2).retired


def _children(workspace, parent, count):
    strategy = parent.strategies.first()
    for n in range(count):
        cascade.link(_plan(workspace, f"Department {n}"), strategy)


@pytest.mark.parametrize("page", ["parent", "child"])
def test_the_plan_page_costs_the_same_queries_with_2_or_20_links(
    login, owner, workspace, org, sales, page
):
    client = login(owner)
    target = org if page == "parent" else sales

    def count(n):
        PlanLink.objects.all().delete()
        Plan.objects.exclude(pk__in=[org.pk, sales.pk]).delete()
        if page == "parent":
            _children(workspace, org, n)
        else:
            for i in range(n):
                parent = _plan(workspace, f"Parent {i}")
                cascade.link(sales, parent.strategies.first())
                _new_version(parent, owner, lambda c: c["strategies"][0].update(title="New"))
        return fresh_queries(client, _url("detail", target))

    assert count(2) == count(20)


def test_the_cached_plan_pages_follow_link_changes(login, owner, org, sales):
    client = login(owner)
    parent_url, child_url = _url("detail", org), _url("detail", sales)
    html(client, parent_url), html(client, child_url)
    made = cascade.link(sales, org.strategies.first())
    assert_fresh(client, parent_url, html(client, parent_url), "a plan linked under it")
    assert_fresh(client, child_url, html(client, child_url), "linked")
    Plan.objects.filter(pk=sales.pk).update(name="Sales and service")
    sales.refresh_from_db()
    sales.save()  # a rename (through a save) reaches the parent's strategy fragment
    assert "Sales and service" in html(client, parent_url)
    assert_fresh(client, parent_url, html(client, parent_url), "child renamed")
    cascade.unlink(made)
    assert_fresh(client, parent_url, html(client, parent_url), "unlinked")
    assert "Sales and service" not in html(client, parent_url)


def test_removing_a_served_strategy_retires_it_and_the_child_is_told(login, owner, org, sales):
    from koers.plans.retiring import remove_or_retire

    strategy = org.strategies.first()
    cascade.link(sales, strategy)
    assert remove_or_retire(strategy, owner, "Dropped") is True  # the link is history
    page = html(login(owner), _url("detail", sales))
    assert "The strategy you serve was retired in version 1." in page
    assert "Serve a current item instead, or remove this link." in page
