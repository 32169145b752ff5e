"""What the steering and plan sessions need from the analysis tools, in a few fixed queries."""

from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

from django.db.models import Exists, OuterRef, Q, Subquery

from koers.analysis import canvas
from koers.analysis.models import (
    CanvasVersion,
    Likelihood,
    Scenario,
    ScenarioSet,
    Signal,
    TrendScore,
)
from koers.analysis.swot import QUADRANTS, active_items
from koers.analysis.year import trend_histories
from koers.lib.keptrows import Rows


@dataclass
class AnalysisInputs:
    swot: list = field(default_factory=list)  # live SWOT items, strengths first
    signals: list = field(default_factory=list)  # signals observed since the last steering
    scenario_sets: list = field(default_factory=list)  # with `.scenarios_now`: (scenario, %, Δ)
    canvas_shift: object = None  # CanvasShift: the business model's versions of the period
    trend_changes: list = field(default_factory=list)  # year.TrendHistory of rescored trends


def _new_signals(workspace_id, since):
    signals = Signal.objects.filter(workspace_id=workspace_id, archived_at__isnull=True)
    return signals if since is None else signals.filter(observed_on__gte=since.date())


def scenario_sets(workspace_id) -> list:
    """The live sets, newest first, each with `.scenarios_now`: (scenario, %, change).

    One query: the scenarios with their set joined (create_set gives every set its four) and only
    the two latest estimates of each, rather than every estimate ever recorded. Compiled once
    per process (`Rows.of`), as the session pages ask for it after every change.
    """
    scenarios = Rows.of(_scenarios_query, workspace_id=workspace_id).objects
    sets = []
    for _pk, rows in groupby(scenarios, key=attrgetter("scenario_set_id")):
        rows = list(rows)
        scenario_set = rows[0].scenario_set
        scenario_set.scenarios_now = [
            (
                s,
                s.percent_now,
                None if s.percent_before is None else s.percent_now - s.percent_before,
            )
            for s in rows
        ]
        sets.append(scenario_set)
    return sets


def _scenarios_query(workspace_id):
    estimates = Likelihood.objects.filter(scenario=OuterRef("pk")).order_by("-recorded_on")
    return (
        Scenario.objects.filter(
            scenario_set__workspace_id=workspace_id, scenario_set__archived_at__isnull=True
        )
        .select_related("scenario_set")
        .annotate(
            percent_now=Subquery(estimates.values("percent")[:1]),
            percent_before=Subquery(estimates.values("percent")[1:2]),
        )
        # The sets' own order, then each set's scenarios as the 2×2 is drawn.
        .order_by("-scenario_set__created_at", "-scenario_set_id", *Scenario._meta.ordering)
    )


def swot_items(workspace_id) -> list:
    """The live SWOT items, strengths first, undecided before decided within a quadrant."""
    order = {kind: i for i, kind in enumerate(QUADRANTS)}
    return sorted(
        active_items(workspace_id).select_related("strategy", "action"),
        key=lambda item: (order[item.kind], item.decision != "open", item.pk),
    )


def new_signals(workspace_id, since=None) -> list:
    """The live signals observed since `since` (all without it), at most 30; compiled once per
    process (`Rows.of`)."""
    return Rows.of(_new_signals_query, workspace_id=workspace_id, since=since).objects


def _new_signals_query(workspace_id, since):
    return _new_signals(workspace_id, since).select_related("trend", "scenario")[:30]


@dataclass
class CanvasShift:
    newer: CanvasVersion  # the latest version saved in the period
    older: CanvasVersion | None  # the one before it
    comparison: canvas.Comparison | None


def _versions_since(workspace_id, since):
    return CanvasVersion.objects.filter(workspace_id=workspace_id, saved_at__gte=since)


def canvas_shift(workspace_id, since) -> CanvasShift | None:
    """What the business model's versions say moved in the period: the latest version saved
    since `since` against the version before it (one query for both)."""
    versions = CanvasVersion.objects.filter(workspace_id=workspace_id)
    newest = _versions_since(workspace_id, since).order_by("-saved_at", "-pk").values("pk")[:1]
    before = versions.exclude(pk=Subquery(newest)).order_by("-saved_at", "-pk").values("pk")[:1]
    found = list(
        versions.filter(Q(pk=Subquery(newest)) | Q(pk=Subquery(before))).order_by("saved_at", "pk")
    )
    if not found or found[-1].saved_at < since:
        return None
    older = found[0] if len(found) == 2 else None
    comparison = canvas.compare(older.items, found[-1].items) if older else None
    return CanvasShift(found[-1], older, comparison)


def trend_changes(workspace_id, since) -> list:
    """The live trends rescored since `since`, each with its scores then and since."""
    return [h for h in trend_histories(workspace_id, since) if h.changed]


def _rescored_since(workspace_id, since):
    """Scores recorded since `since` that follow earlier ones: a trend rescored, not new."""
    earlier = TrendScore.objects.filter(
        trend=OuterRef("trend"), recorded_at__lt=OuterRef("recorded_at")
    )
    return TrendScore.objects.filter(
        trend__workspace_id=workspace_id, trend__archived_at__isnull=True, recorded_at__gte=since
    ).filter(Exists(earlier))


def session_inputs(
    workspace_id: int, since=None, with_swot: bool = True, with_shifts: bool = True
) -> AnalysisInputs:
    shifts = with_shifts and since is not None
    return AnalysisInputs(
        swot=swot_items(workspace_id) if with_swot else [],
        signals=new_signals(workspace_id, since),
        scenario_sets=scenario_sets(workspace_id),
        canvas_shift=canvas_shift(workspace_id, since) if shifts else None,
        trend_changes=trend_changes(workspace_id, since) if shifts else [],
    )


def shift_checks(workspace_id: int, since) -> dict:
    """Whether a business model version was saved, and a trend rescored, since `since`: as
    expressions for one query (see `outline_checks`)."""
    return {
        "has_canvas_shift": Exists(_versions_since(workspace_id, since)),
        "has_trend_changes": Exists(_rescored_since(workspace_id, since)),
    }


def outline_checks(workspace_id: int, since=None) -> dict:
    """Whether there are new signals and live scenario sets, as expressions for one query.

    For an outline of the agenda, which names its items but shows none of their entries: the
    steering agenda lists "New signals" and the scenarios only when there are any.
    """
    return {
        **(shift_checks(workspace_id, since) if since is not None else {}),
        "has_signals": Exists(_new_signals(workspace_id, since)),
        "has_scenario_sets": Exists(
            ScenarioSet.objects.filter(workspace_id=workspace_id, archived_at__isnull=True)
        ),
    }


def stand_ins(found: dict) -> AnalysisInputs:
    """Inputs with a stand-in for each kind of entry there is (see `outline_checks`)."""
    return AnalysisInputs(
        signals=[Signal()] if found["has_signals"] else [],
        scenario_sets=[ScenarioSet()] if found["has_scenario_sets"] else [],
        canvas_shift=True if found.get("has_canvas_shift") else None,
        trend_changes=[True] if found.get("has_trend_changes") else [],
    )
