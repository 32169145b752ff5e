"""What the steering and plan sessions need from the analysis tools, in a few fixed queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from koers.analysis.models import Likelihood, Scenario, ScenarioSet, Signal, SwotItem
from koers.analysis.scenarios import latest_likelihood
from koers.analysis.swot import QUADRANTS


@dataclass
class AnalysisInputs:
    swot: list = field(default_factory=list)  # live SWOT items, strengths first
    signals: list = field(default_factory=list)  # signals observed since the last steering
    scenario_sets: list = field(default_factory=list)  # with `.scenarios_now`: (scenario, %, Δ)


def _scenario_sets(workspace_id) -> list:
    sets = list(
        ScenarioSet.objects.filter(
            workspace_id=workspace_id, archived_at__isnull=True
        ).prefetch_related(
            Prefetch(
                "scenarios",
                queryset=Scenario.objects.prefetch_related(
                    Prefetch("likelihoods", queryset=Likelihood.objects.order_by("recorded_on"))
                ),
            )
        )
    )
    for scenario_set in sets:
        rows = []
        for scenario in scenario_set.scenarios.all():
            estimates = list(scenario.likelihoods.all())
            now = latest_likelihood(scenario)
            before = estimates[-2].percent if len(estimates) > 1 else None
            rows.append((scenario, now, None if before is None else now - before))
        scenario_set.scenarios_now = rows
    return sets


def session_inputs(workspace_id: int, since=None, with_swot: bool = True) -> AnalysisInputs:
    order = {kind: i for i, kind in enumerate(QUADRANTS)}
    swot = (
        sorted(
            SwotItem.objects.filter(
                workspace_id=workspace_id, archived_at__isnull=True
            ).select_related("strategy", "action"),
            key=lambda item: (order[item.kind], item.decision != "open", item.pk),
        )
        if with_swot
        else []
    )
    signals = Signal.objects.filter(workspace_id=workspace_id, archived_at__isnull=True)
    if since is not None:
        signals = signals.filter(observed_on__gte=since.date())
    return AnalysisInputs(
        swot=swot,
        signals=list(signals.select_related("trend", "scenario")[:30]),
        scenario_sets=_scenario_sets(workspace_id),
    )
