"""What the steering and plan sessions need from the analysis tools, in a few fixed queries."""

from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

from django.db.models import Exists, OuterRef, Subquery

from koers.analysis.models import Likelihood, Scenario, ScenarioSet, Signal
from koers.analysis.swot import QUADRANTS, active_items


@dataclass
class AnalysisInputs:
    swot: list = field(default_factory=list)  # live SWOT items, strengths first
    signals: list = field(default_factory=list)  # signals observed since the last steering
    scenario_sets: list = field(default_factory=list)  # with `.scenarios_now`: (scenario, %, Δ)


def _new_signals(workspace_id, since):
    signals = Signal.objects.filter(workspace_id=workspace_id, archived_at__isnull=True)
    return signals if since is None else signals.filter(observed_on__gte=since.date())


def scenario_sets(workspace_id) -> list:
    """The live sets, newest first, each with `.scenarios_now`: (scenario, %, change).

    One query: the scenarios with their set joined (create_set gives every set its four) and only
    the two latest estimates of each, rather than every estimate ever recorded.
    """
    estimates = Likelihood.objects.filter(scenario=OuterRef("pk")).order_by("-recorded_on")
    scenarios = (
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


def swot_items(workspace_id) -> list:
    """The live SWOT items, strengths first, undecided before decided within a quadrant."""
    order = {kind: i for i, kind in enumerate(QUADRANTS)}
    return sorted(
        active_items(workspace_id).select_related("strategy", "action"),
        key=lambda item: (order[item.kind], item.decision != "open", item.pk),
    )


def new_signals(workspace_id, since=None) -> list:
    return list(_new_signals(workspace_id, since).select_related("trend", "scenario")[:30])


def session_inputs(workspace_id: int, since=None, with_swot: bool = True) -> AnalysisInputs:
    return AnalysisInputs(
        swot=swot_items(workspace_id) if with_swot else [],
        signals=new_signals(workspace_id, since),
        scenario_sets=scenario_sets(workspace_id),
    )


def outline_checks(workspace_id: int, since=None) -> dict:
    """Whether there are new signals and live scenario sets, as expressions for one query.

    For an outline of the agenda, which names its items but shows none of their entries: the
    steering agenda lists "New signals" and the scenarios only when there are any.
    """
    return {
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
    )
