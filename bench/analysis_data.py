"""Years of analysis work in the benchmark workspace: canvas, SWOT, trends, scenarios, signals,
brainstorms — bulk inserted, seeded."""

from datetime import date, timedelta

from django.utils import timezone

from koers.analysis.models import (
    Block,
    Brainstorm,
    CanvasItem,
    CanvasVersion,
    Category,
    Idea,
    Likelihood,
    Pole,
    Scenario,
    ScenarioSet,
    Signal,
    SwotItem,
    SwotKind,
    Trend,
    TrendScore,
    Vote,
)

SIZES = {"canvas_items": 180, "trends": 120, "swot": 200, "signals": 1500, "ideas": 300}


def fill_analysis(rng, workspace, users, strategies):
    items = CanvasItem.objects.bulk_create(
        CanvasItem(
            workspace=workspace,
            block=rng.choice(Block.values),
            text=f"Canvas item {i}",
            mark=rng.choice(["", "", "strength", "vulnerability"]),
            position=i,
        )
        for i in range(SIZES["canvas_items"])
    )
    snapshot = [
        {"id": c.pk, "block": c.block, "text": c.text, "mark": c.mark, "why": ""} for c in items
    ]
    CanvasVersion.objects.bulk_create(
        CanvasVersion(
            workspace=workspace, label=f"Plan session {2024 + y}", items=snapshot[: 120 + 20 * y]
        )
        for y in range(3)
    )
    trends = Trend.objects.bulk_create(
        Trend(
            workspace=workspace,
            title=f"Trend {i}",
            category=rng.choice(Category.values),
            urgency=rng.randint(1, 5),
            impact=rng.randint(1, 5),
            unpredictability=rng.randint(1, 5),
        )
        for i in range(SIZES["trends"])
    )
    # Each trend's score history: scored three years running (the year in view reads it).
    TrendScore.objects.bulk_create(
        TrendScore(
            trend=trend,
            recorded_at=timezone.now() - timedelta(days=365 * years),
            # The latest row holds the trend's own scores, as trends.save_trend keeps them.
            urgency=trend.urgency if years == 0 else rng.randint(1, 5),
            impact=trend.impact if years == 0 else rng.randint(1, 5),
            unpredictability=trend.unpredictability if years == 0 else rng.randint(1, 5),
        )
        for trend in trends
        for years in range(3)
    )
    SwotItem.objects.bulk_create(
        SwotItem(
            workspace=workspace,
            kind=rng.choice(SwotKind.values),
            description=f"SWOT item {i}",
            trend=rng.choice(trends),
            decision=rng.choice(["open", "respond", "ignore"]),
            strategy=rng.choice(strategies[:5]),
            reason="Later",
            # Years of plan sessions: most items are history, about 40 are live.
            archived_at=None if i < 40 else timezone.now(),
        )
        for i in range(SIZES["swot"])
    )
    sets = ScenarioSet.objects.bulk_create(
        ScenarioSet(
            workspace=workspace,
            title=f"Scenario set {i}",
            driver_x=trends[2 * i],
            driver_y=trends[2 * i + 1],
            x_low="low",
            x_high="high",
            y_low="low",
            y_high="high",
        )
        for i in range(3)
    )
    scenarios = Scenario.objects.bulk_create(
        Scenario(scenario_set=s, x_pole=x, y_pole=y, name=f"{s.title} {x}/{y}")
        for s in sets
        for x in (Pole.LOW, Pole.HIGH)
        for y in (Pole.LOW, Pole.HIGH)
    )
    Likelihood.objects.bulk_create(
        Likelihood(scenario=s, recorded_on=date(2024, 1, 1) + timedelta(days=91 * q), percent=25)
        for s in scenarios
        for q in range(12)
    )
    Signal.objects.bulk_create(
        Signal(
            workspace=workspace,
            observed_on=date(2024, 1, 1) + timedelta(days=i % 1000),
            kind="news",
            title=f"Signal {i}",
            trend=rng.choice(trends),
            scenario=rng.choice(scenarios),
        )
        for i in range(SIZES["signals"])
    )
    brainstorms = Brainstorm.objects.bulk_create(
        Brainstorm(workspace=workspace, question=f"Question {i}?") for i in range(6)
    )
    ideas = Idea.objects.bulk_create(
        Idea(
            brainstorm=brainstorms[0], text=f"Idea {i}", author=rng.choice(users), group=f"G{i % 7}"
        )
        for i in range(SIZES["ideas"])
    )
    Vote.objects.bulk_create(
        Vote(idea=idea, user=user) for idea in ideas for user in rng.sample(users, 5)
    )
    return {"scenario_set": sets[0], "brainstorm": brainstorms[0]}
