"""The plan session's look back over the year: "What changed since last year" and the
preparation panel (is everything the session needs in place?).

The year is the twelve months up to the session or, while the session is still ahead, up to
today: the future holds nothing yet, and a page read a week before the session shows the
year it will discuss. Only today's date is read, which the page cache's key holds.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import DateField, Exists, OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from koers.accounts.models import Workspace
from koers.analysis import year as tools
from koers.analysis.models import CanvasVersion, Likelihood, Signal, SwotItem, SwotKind
from koers.dashboard import targets
from koers.dashboard.models import Frequency, Kpi, Measurement
from koers.meetings.kinds import ItemKind
from koers.meetings.models import Notice

YEAR_DAYS = 365
# The agenda's year items and what each shows (loaded for session mode one item at a time).
YEAR_PARTS = {
    ItemKind.YEAR_SIGNALS: "signals",
    ItemKind.YEAR_SWOT: "swot",
    ItemKind.YEAR_TRENDS: "trends",
    ItemKind.YEAR_SCENARIOS: "scenario_sets",
    ItemKind.YEAR_CANVAS: "canvas",
}


@dataclass
class Window:
    start: datetime  # aware, the start of the first day
    end: date  # the session's day, or today while it is ahead

    @property
    def start_day(self) -> date:
        return self.start.date()


def window(session, today: date | None = None) -> Window:
    zone = ZoneInfo(session.plan.workspace.time_zone)
    today = today or timezone.localdate()
    end = min(session.starts_at.astimezone(zone).date(), today)
    start = datetime.combine(end - timedelta(days=YEAR_DAYS), time.min, tzinfo=zone)
    return Window(start, end)


@dataclass
class YearInView:
    window: Window
    signals: list = field(default_factory=list)
    swot: list = field(default_factory=list)  # analysis.year.SwotEvent, per quadrant
    trends: list = field(default_factory=list)  # analysis.year.TrendHistory
    scenario_sets: list = field(default_factory=list)  # with `.then_and_now`
    canvas: object = None  # analysis.year.CanvasYear


LOADERS = {
    "signals": tools.signals_since,
    "swot": tools.swot_events,
    "trends": tools.trend_histories,
    "scenario_sets": tools.scenarios_then_and_now,
    "canvas": tools.canvas_year,
}


def year_in_view(session, parts=tuple(LOADERS)) -> YearInView:
    """What the analysis tools recorded in the session's year: one query per part (the business
    model two: its versions and the canvas as it is now)."""
    span = window(session)
    year = YearInView(span)
    for part in parts:
        setattr(year, part, LOADERS[part](session.plan.workspace_id, span.start))
    return year


# --- Preparation -----------------------------------------------------------------------------


@dataclass
class Check:
    key: str
    label: str
    done: bool
    url_name: str  # the tool to do it with: a URL name taking the workspace slug
    detail: str = ""


@dataclass
class OwnerFigures:
    owner: object  # User or None (nobody enters them yet)
    kpis: list  # the KPIs without a figure for their last complete period

    @property
    def asked_on(self):
        """When the owner was last asked for these figures (the panel's one-click request)."""
        return max((k.asked_on for k in self.kpis if getattr(k, "asked_on", None)), default=None)


def last_complete_period(on: date, frequency: str) -> date:
    """The period before the one `on` falls in: the last one that could have its figure."""
    current = targets.period_start(on, frequency)
    return targets.period_start(current - timedelta(days=1), frequency)


def missing_figures(plan, on: date, session=None) -> list[Kpi]:
    """The plan's KPIs without a figure for their last complete period, one query; with a
    `session`, each has `asked_on`: when its owner was last asked for figures for it."""

    def has(frequency):
        period = last_complete_period(on, frequency)
        return Exists(Measurement.objects.filter(kpi=OuterRef("pk"), period=period))

    asked = Notice.objects.filter(session=session, user=OuterRef("owner"), type=Notice.Type.FIGURES)
    asked_on = (
        Subquery(asked.order_by("-day").values("day")[:1])
        if session is not None
        else Value(None, output_field=DateField())
    )
    kpis = (
        Kpi.objects.filter(plan=plan)
        .select_related("owner", "goal", "measure")
        .annotate(monthly=has(Frequency.MONTHLY), quarterly=has(Frequency.QUARTERLY))
        .annotate(asked_on=asked_on)
        .order_by("goal__position", "measure__strategy__position", "measure__position", "pk")
    )
    missing = [k for k in kpis if not getattr(k, k.frequency)]
    for kpi in missing:
        kpi.period = last_complete_period(on, kpi.frequency)
    return missing


def by_owner(kpis) -> list[OwnerFigures]:
    """The KPIs grouped by who enters their figures, people by name, nobody last."""
    groups: dict = {}
    for kpi in kpis:
        groups.setdefault(kpi.owner_id, OwnerFigures(kpi.owner, [])).kpis.append(kpi)
    return sorted(
        groups.values(),
        key=lambda g: (g.owner is None, g.owner.display_name if g.owner else ""),
    )


def facts(session, span: Window) -> dict:
    """Whether each tool was used in the year, in one query of EXISTS."""
    ws = session.plan.workspace_id
    since = span.start

    def reviewed(kinds):
        # "Reviewed": an item added, or its respond/ignore decided, within the year.
        items = SwotItem.objects.filter(workspace_id=ws, kind__in=kinds)
        return Exists(items.filter(Q(created_at__gte=since) | Q(decided_at__gte=since)))

    return (
        Workspace.objects.filter(pk=ws)
        .values(
            has_canvas_saved=Exists(
                CanvasVersion.objects.filter(workspace_id=ws, saved_at__gte=since)
            ),
            has_internal=reviewed([SwotKind.STRENGTH, SwotKind.VULNERABILITY]),
            has_external=reviewed([SwotKind.OPPORTUNITY, SwotKind.RISK]),
            has_likelihoods=Exists(
                Likelihood.objects.filter(
                    scenario__scenario_set__workspace_id=ws,
                    scenario__scenario_set__archived_at__isnull=True,
                    recorded_on__gte=span.start_day,
                )
            ),
            has_signals=Exists(
                Signal.objects.filter(
                    workspace_id=ws, archived_at__isnull=True, observed_on__gte=span.start_day
                )
            ),
        )
        .get()
    )


def checks(found: dict, owners: list[OwnerFigures]) -> list[Check]:
    """The preparation panel's ticks, from the facts: pure, so each rule has its own test."""
    missing = sum(len(o.kpis) for o in owners)
    figures = (
        ngettext(
            "%(n)s figure missing for the last complete period.",
            "%(n)s figures missing for the last complete period.",
            missing,
        )
        % {"n": missing}
        if missing
        else ""
    )
    return [
        Check(
            "figures",
            _("Figures entered for the last complete period"),
            not missing,
            "dashboard:grid",
            figures,
        ),
        Check(
            "canvas",
            _("Business model saved as a version this year"),
            found["has_canvas_saved"],
            "analysis:canvas",
        ),
        Check(
            "internal",
            _("Strengths and vulnerabilities reviewed since last year"),
            found["has_internal"],
            "analysis:swot",
        ),
        Check(
            "external",
            _("Opportunities and risks reviewed since last year"),
            found["has_external"],
            "analysis:swot",
        ),
        Check(
            "likelihoods",
            _("Scenario likelihoods judged this year"),
            found["has_likelihoods"],
            "analysis:scenarios",
        ),
        Check(
            "signals",
            _("Environment signals gathered this year"),
            found["has_signals"],
            "analysis:signals",
        ),
    ]


def preparation(session) -> dict:
    """The preparation panel: its checks and, per owner, the figures still missing (two
    queries)."""
    span = window(session)
    owners = by_owner(missing_figures(session.plan, span.end, session))
    return {"checks": checks(facts(session, span), owners), "owners": owners, "window": span}
