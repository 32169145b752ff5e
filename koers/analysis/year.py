"""A year in view: what the analysis tools recorded between two moments, one query per tool.

The plan session looks back twelve months (meetings/year.py sets the window); each function
here takes a workspace id and the window's start (an aware datetime) and reads one table.
"""

from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

from django.db.models import OuterRef, Q, Subquery

from koers.analysis import canvas
from koers.analysis.models import (
    CanvasVersion,
    Likelihood,
    Scenario,
    Signal,
    SwotItem,
    TrendScore,
)
from koers.analysis.swot import QUADRANTS
from koers.history.models import Change
from koers.lib.pagecache import row_state

# A SWOT item's content: a change of these counts as "changed". Decisions (respond/ignore)
# and archiving have their own dates and are told apart.
SWOT_CONTENT = ("kind", "description")


@dataclass
class SwotEvent:
    item: SwotItem
    events: list  # (what, when): "added", "changed", "decided", "archived", oldest first


@dataclass
class TrendHistory:
    trend: object
    scores: list = field(default_factory=list)  # TrendScore rows, oldest first

    @property
    def changed(self) -> bool:
        """Rescored within the window (not only scored for the first time)."""
        return len(self.scores) > 1

    @property
    def shown(self) -> tuple:
        """What its block shows (the trend and its scores): a page fragment is kept under it."""
        return (row_state(self.trend), *map(row_state, self.scores))


@dataclass
class CanvasYear:
    baseline: CanvasVersion | None  # the version of a year ago (or the oldest there is)
    comparison: canvas.Comparison | None  # baseline against the canvas as it is now
    latest: object = None  # when the newest version was saved


def signals_since(workspace_id, start, limit: int = 50) -> list:
    return list(
        Signal.objects.filter(
            workspace_id=workspace_id, archived_at__isnull=True, observed_on__gte=start.date()
        ).select_related("trend")[:limit]
    )


def swot_events(workspace_id, start) -> list[SwotEvent]:
    """Items added, changed (the change log), decided and archived since `start`, newest first."""
    changed = (
        Change.objects.filter(
            kind="analysis.swotitem",
            object_id=OuterRef("pk"),
            event="changed",
            field__in=SWOT_CONTENT,
            at__gte=start,
        )
        .order_by("-at")
        .values("at")[:1]
    )
    items = (
        SwotItem.objects.filter(workspace_id=workspace_id)
        .annotate(changed_at=Subquery(changed))
        .filter(
            Q(created_at__gte=start)
            | Q(archived_at__gte=start)
            | Q(decided_at__gte=start)
            | Q(changed_at__isnull=False)
        )
    )
    listed = []
    for item in items:
        events = []
        if item.created_at >= start:
            events.append(("added", item.created_at))
        if item.decided_at is not None and item.decided_at >= start:
            events.append(("decided", item.decided_at))
        if item.changed_at:
            events.append(("changed", item.changed_at))
        if item.archived_at and item.archived_at >= start:
            events.append(("archived", item.archived_at))
        events.sort(key=lambda e: e[1])
        listed.append(SwotEvent(item, events))
    order = {kind: i for i, kind in enumerate(QUADRANTS)}
    listed.sort(key=lambda e: (order[e.item.kind], -e.events[-1][1].timestamp()))
    return listed


def scores_since(workspace_id, start):
    """The scores of the live trends since `start`, and each trend's last one before it (what
    a trend's history shows), with their trend, in order per trend; `in_window`: since `start`.
    Read here and, raw, by the pre-read (`meetings.shifts`)."""
    before = (
        TrendScore.objects.filter(trend=OuterRef("trend"), recorded_at__lt=start)
        .order_by("-recorded_at", "-pk")
        .values("pk")[:1]
    )
    return (
        TrendScore.objects.filter(trend__workspace_id=workspace_id, trend__archived_at__isnull=True)
        .filter(Q(recorded_at__gte=start) | Q(pk=Subquery(before)))
        .annotate(in_window=Q(recorded_at__gte=start))
        .select_related("trend")
        .order_by("trend__title", "trend_id", "recorded_at", "pk")
    )


def trend_histories(workspace_id, start) -> list[TrendHistory]:
    """Live trends scored since `start`, each with its scores since then and the one before."""
    rows = scores_since(workspace_id, start)
    histories = [
        TrendHistory(group[0].trend, group)
        for _pk, group in ((pk, list(g)) for pk, g in groupby(rows, key=attrgetter("trend_id")))
    ]
    # Only trends with a score in the window: the row before it alone is no news.
    return [h for h in histories if h.scores[-1].recorded_at >= start]


def scenarios_then_and_now(workspace_id, start) -> list:
    """The live scenario sets, each with `.then_and_now`: (scenario, % now, % a year ago) and
    `.judged_on`, the date of the latest estimate of the set."""
    estimates = Likelihood.objects.filter(scenario=OuterRef("pk"))
    latest = estimates.order_by("-recorded_on")
    scenarios = (
        Scenario.objects.filter(
            scenario_set__workspace_id=workspace_id, scenario_set__archived_at__isnull=True
        )
        .select_related("scenario_set")
        .annotate(
            percent_now=Subquery(latest.values("percent")[:1]),
            judged_on=Subquery(latest.values("recorded_on")[:1]),
            percent_then=Subquery(
                latest.filter(recorded_on__lte=start.date()).values("percent")[:1]
            ),
        )
        .order_by("-scenario_set__created_at", "-scenario_set_id", *Scenario._meta.ordering)
    )
    sets = []
    for _pk, rows in groupby(scenarios, key=attrgetter("scenario_set_id")):
        rows = list(rows)
        scenario_set = rows[0].scenario_set
        scenario_set.then_and_now = [(s, s.percent_now, s.percent_then) for s in rows]
        judged = [s.judged_on for s in rows if s.judged_on]
        scenario_set.judged_on = max(judged) if judged else None
        sets.append(scenario_set)
    return sets


def canvas_year(workspace_id, start) -> CanvasYear:
    """The business model now against its version of a year ago: the latest version saved by
    `start`, else the oldest there is (its date is shown). Two queries: versions, the canvas."""
    versions = CanvasVersion.objects.filter(workspace_id=workspace_id)
    by_then = versions.filter(saved_at__lte=start).order_by("-saved_at", "-pk").values("pk")[:1]
    oldest = versions.order_by("saved_at", "pk").values("pk")[:1]
    newest = versions.order_by("-saved_at", "-pk").values("pk")[:1]
    found = list(
        versions.filter(
            Q(pk=Subquery(by_then)) | Q(pk=Subquery(oldest)) | Q(pk=Subquery(newest))
        ).order_by("saved_at", "pk")
    )
    if not found:
        return CanvasYear(None, None)
    then = [v for v in found if v.saved_at <= start]
    baseline = then[-1] if then else found[0]
    now = canvas.snapshot(workspace_id)
    return CanvasYear(baseline, canvas.compare(baseline.items, now), found[-1])
