"""The one-page OGSM: reading it, and its query count as plans grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.plans.models import Goal, Measure, Strategy
from tests.pages import fresh_queries


def plan_url(plan):
    return reverse("plans:detail", args=[plan.workspace.slug, plan.pk])


def test_members_see_the_four_columns_of_the_plan(login, plan, member):
    response = login(member).get(plan_url(plan))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ["Be the best bakery in town.", "Revenue 1M", "Go online", "Online orders"]:
        assert text in html
    for column in ["Objective", "Goals", "Strategies", "Measures"]:
        assert column in html


def test_viewer_sees_no_edit_controls(login, plan, viewer):
    html = login(viewer).get(plan_url(plan)).content.decode()
    assert "Add goal" not in html
    assert reverse("plans:objective_edit", args=["acme", plan.pk]) not in html


def test_owner_sees_edit_controls(login, plan, owner):
    html = login(owner).get(plan_url(plan)).content.decode()
    assert "Add goal" in html and "Add strategy" in html and "Add measure" in html


def test_the_plan_renders_in_dutch(login, plan, member):
    member.language = "nl"
    member.save()
    html = login(member).get(plan_url(plan)).content.decode()
    assert "Doelen" in html and "Strategieën" in html
    assert '<html lang="nl">' in html


def _grow(plan, goals, strategies):
    Goal.objects.bulk_create(Goal(plan=plan, title=f"G{i}", position=i + 1) for i in range(goals))
    for i in range(strategies):
        strategy = Strategy.objects.create(
            plan=plan, title=f"S{i}", position=i + 1, owner=plan.strategies.first().owner
        )
        Measure.objects.bulk_create(
            Measure(strategy=strategy, name=f"M{i}-{j}", position=j) for j in range(3)
        )


@pytest.mark.django_db
def test_plan_page_queries_do_not_grow_with_the_plan(login, plan, owner):
    client = login(owner)
    small = fresh_queries(client, plan_url(plan))
    _grow(plan, goals=20, strategies=15)
    large = fresh_queries(client, plan_url(plan))
    assert large == small
    assert small <= 8


def test_a_cached_plan_page_costs_only_the_access_queries(login, plan, owner):
    client = login(owner)
    client.get(plan_url(plan))
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(plan_url(plan)).content.decode()
    assert "Revenue 1M" in html
    # The login session with its user, and the door (plan, workspace, role).
    assert len(ctx.captured_queries) == 2


def test_the_one_page_ogsm_downloads_as_a_pdf(login, plan, viewer):
    import io

    from pypdf import PdfReader

    response = login(viewer).get(reverse("plans:pdf", args=["acme", plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert all(
        t in text
        for t in ["Be the best bakery in town.", "Revenue 1M", "Go online", "Online orders"]
    )


def test_the_pdf_is_made_once_and_again_after_a_change(login, plan, viewer):
    import io

    from pypdf import PdfReader

    client = login(viewer)
    url = reverse("plans:pdf", args=["acme", plan.pk])
    first = client.get(url).content
    assert client.get(url).content == first  # the same document, not made again
    goal = plan.goals.first()
    goal.title = "Revenue 2M"
    goal.save()
    text = PdfReader(io.BytesIO(client.get(url).content)).pages[0].extract_text()
    assert "Revenue 2M" in text


@pytest.mark.parametrize("plan_id", [0, 2**63, 10**30])
def test_a_plan_number_that_cannot_exist_is_not_found(login, plan, member, plan_id):
    url = reverse("plans:detail", args=[plan.workspace.slug, plan_id])
    assert login(member).get(url).status_code == 404


def test_the_plan_is_not_found_under_another_workspace_s_address(
    login, plan, member, other_workspace
):
    other_workspace.memberships.create(user=member, role="member")
    url = reverse("plans:detail", args=[other_workspace.slug, plan.pk])
    assert login(member).get(url).status_code == 404
