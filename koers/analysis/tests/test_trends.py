"""Trend analysis: scores, where a trend sits, the matrix chart and trend → opportunity/risk."""

import pytest
from django.urls import reverse

from koers.analysis import trends
from koers.analysis.models import SwotItem, Trend
from koers.analysis.tests.factories import trend

TRENDS = reverse("analysis:trends", args=["acme"])


@pytest.mark.parametrize(
    ("impact", "unpredictability", "where"),
    [
        (5, 1, "act"),
        (3, 2, "act"),
        (4, 4, "drivers"),
        (3, 3, "drivers"),
        (2, 5, "watch"),
        (1, 1, "note"),
    ],
)
def test_important_certain_trends_are_acted_on_and_uncertain_ones_drive_scenarios(
    impact, unpredictability, where
):
    assert trends.quadrant(Trend(impact=impact, unpredictability=unpredictability)) == where


def test_a_new_trend_appears_numbered_in_the_list_and_on_the_matrix(login, owner, viewer):
    login(owner).post(
        reverse("analysis:trend_new", args=["acme"]),
        {"title": "Fewer young bakers", "category": "demography", "urgency": 5, "impact": 5}
        | {"unpredictability": 1, "source_url": "https://example.com/report"},
    )
    html = login(viewer).get(TRENDS).content.decode()
    assert "Fewer young bakers" in html and "Important and fairly certain" in html
    chart = html.split('class="chart"', 1)[1].split("</svg>", 1)[0]
    assert "<title>1. Fewer young bakers</title>" in chart and ">1</text>" in chart


@pytest.mark.parametrize("score", ["0", "6", "high"])
def test_a_score_outside_1_to_5_is_refused(login, owner, score):
    response = login(owner).post(
        reverse("analysis:trend_new", args=["acme"]),
        {"title": "X", "category": "economy", "urgency": score, "impact": 3, "unpredictability": 3},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Trend.objects.exists()


def test_the_category_filter_shows_only_that_direction(login, viewer, workspace):
    trend(workspace, "Ageing")
    Trend.objects.create(workspace=workspace, title="Cheap solar", category="technology")
    html = login(viewer).get(TRENDS, {"category": "technology"}).content.decode()
    listed = html.split('class="trend-list"', 1)[1]
    assert "Cheap solar" in listed and "Ageing" not in listed


def test_one_click_turns_a_trend_into_a_risk_once(login, owner, workspace):
    ageing = trend(workspace)
    client = login(owner)
    url = reverse("analysis:trend_to_swot", args=["acme", ageing.pk])
    client.post(url, {"kind": "risk"})
    client.post(url, {"kind": "risk"})
    item = SwotItem.objects.get()
    assert (item.kind, item.source, item.trend, item.description) == (
        "risk",
        "trend",
        ageing,
        "Ageing customers",
    )
    assert "On the list as risk" in client.get(TRENDS).content.decode()


def test_a_trend_cannot_become_a_strength(login, owner, workspace):
    ageing = trend(workspace)
    response = login(owner).post(
        reverse("analysis:trend_to_swot", args=["acme", ageing.pk]),
        {"kind": "strength"},
        follow=True,
    )
    assert "A trend becomes an opportunity or a risk." in response.content.decode()
    assert not SwotItem.objects.exists()


def test_dots_on_the_same_scores_do_not_hide_each_other(workspace):
    points = trends.matrix_points([trend(workspace, "A"), trend(workspace, "B")])
    assert (points[0].x, points[0].y) != (points[1].x, points[1].y)
