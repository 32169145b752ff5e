"""A trend's scores are kept over time: every change of them is a dated row."""

from importlib import import_module

from django.apps import apps
from django.urls import reverse

from koers.analysis import brainstorm
from koers.analysis.models import Brainstorm, Trend, TrendScore
from koers.analysis.tests.factories import trend

FORM = {"title": "Energy prices", "category": "economy", "description": ""}


def scores(item):
    return [(s.urgency, s.impact, s.unpredictability) for s in item.scores.all()]


def test_a_new_trend_starts_its_history_with_its_scores(login, owner):
    login(owner).post(
        reverse("analysis:trend_new", args=["acme"]),
        {**FORM, "urgency": 2, "impact": 4, "unpredictability": 5},
    )
    made = Trend.objects.get(title="Energy prices")
    assert scores(made) == [(2, 4, 5)]
    assert made.scores.get().recorded_by == owner


def test_rescoring_a_trend_adds_a_row_and_editing_its_words_does_not(login, owner, workspace):
    made = trend(workspace, "Energy prices", urgency=3, impact=3, unpredictability=3)
    url = reverse("analysis:trend_edit", args=["acme", made.pk])
    client = login(owner)
    fields = {**FORM, "urgency": 3, "impact": 3, "unpredictability": 3}
    client.post(url, {**fields, "description": "Gas and power", "version": made.version})
    made.refresh_from_db()
    assert scores(made) == [(3, 3, 3)]
    client.post(url, {**fields, "impact": 5, "version": made.version})
    made.refresh_from_db()
    assert made.impact == 5 and scores(made) == [(3, 3, 3), (3, 5, 3)]


def test_a_stale_edit_keeps_no_score(login, owner, workspace):
    made = trend(workspace, "Energy prices")
    url = reverse("analysis:trend_edit", args=["acme", made.pk])
    response = login(owner).post(
        url, {**FORM, "urgency": 1, "impact": 1, "unpredictability": 1, "version": 99}
    )
    assert response.status_code == 422
    assert TrendScore.objects.filter(trend=made).count() == 1


def test_a_trend_made_from_a_brainstorm_idea_has_its_first_scores(owner, plan, workspace):
    from koers.accounts.models import Membership

    session = Brainstorm.objects.create(workspace=workspace, question="What is coming?")
    idea = brainstorm.add_idea(session, owner, "Robots bake bread")
    membership = Membership.objects.get(workspace=workspace, user=owner)
    made = brainstorm.convert(idea, membership, "trend", category="technology")
    assert scores(made) == [(3, 3, 3)]


def test_the_migration_seeds_every_trend_with_its_current_scores(workspace):
    made = trend(workspace, "Energy prices", urgency=5, impact=2, unpredictability=1)
    TrendScore.objects.all().delete()
    migration = import_module("koers.analysis.migrations.0004_trend_score_history")
    migration.seed_current_scores(apps, None)
    seeded = TrendScore.objects.get(trend=made)
    assert (seeded.urgency, seeded.impact, seeded.unpredictability) == (5, 2, 1)
    assert seeded.recorded_at == made.created_at
