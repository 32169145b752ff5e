"""Trend analysis: where a trend sits (certain or uncertain, important or not) and its chart."""

from django.db import transaction
from django.utils.translation import gettext as _

from koers.analysis.models import TrendScore
from koers.charts import Point, matrix_chart
from koers.charts.svg import COLOURS
from koers.lib.versioning import save_versioned

SCORE_FIELDS = ("urgency", "impact", "unpredictability")

# On the 1–5 scales, 3 and up counts as high: a middling impact still deserves a look.
HIGH = 3
URGENCY_COLOURS = {1: "#7d8f96", 2: "#5f8ea0", 3: "#1d5c73", 4: "#b86200", 5: "#b3261e"}


def record_scores(trend, by) -> TrendScore:
    """Keep the trend's scores as of now: the plan session shows how they moved over the year."""
    return TrendScore.objects.create(
        trend=trend, recorded_by=by, **{name: getattr(trend, name) for name in SCORE_FIELDS}
    )


@transaction.atomic
def add_trend(trend, by) -> None:
    """Save a new trend (its workspace set) with its first scores."""
    trend.created_by = by
    trend.save()
    record_scores(trend, by)


@transaction.atomic
def save_trend(trend, fields: list[str], expected_version: int, by) -> None:
    """Save an edited trend (raises StaleEdit); a change of its scores is kept with its date."""
    stored = TrendScore.objects.filter(trend=trend).order_by("-recorded_at", "-pk").first()
    save_versioned(trend, fields, expected_version)
    now = tuple(getattr(trend, name) for name in SCORE_FIELDS)
    if stored is None or tuple(getattr(stored, name) for name in SCORE_FIELDS) != now:
        record_scores(trend, by)


def quadrant(trend) -> str:
    """act: important and fairly certain (an opportunity or risk to respond to);
    drivers: important and uncertain (what scenarios are built on);
    watch: uncertain but minor; note: certain and minor."""
    important = trend.impact >= HIGH
    uncertain = trend.unpredictability >= HIGH
    if important:
        return "drivers" if uncertain else "act"
    return "watch" if uncertain else "note"


def quadrant_labels() -> dict[str, str]:
    return {
        "act": _("Important and fairly certain: respond (opportunity or risk)"),
        "drivers": _("Important and uncertain: build scenarios on these"),
        "watch": _("Uncertain, smaller impact: keep watching"),
        "note": _("Certain, smaller impact: take note"),
    }


def matrix_points(trends) -> list[Point]:
    """One dot per trend; dots on the same scores are fanned out so none hides another."""
    seen: dict[tuple[int, int], int] = {}
    points = []
    for number, trend in enumerate(trends, start=1):
        spot = (trend.unpredictability, trend.impact)
        k = seen.get(spot, 0)
        seen[spot] = k + 1
        dx, dy = [(0, 0), (0.18, 0.18), (-0.18, 0.18), (0.18, -0.18), (-0.18, -0.18)][k % 5]
        points.append(
            Point(
                x=spot[0] + dx,
                y=spot[1] + dy,
                label=f"{number}. {trend.title}",
                tag=str(number),
                size=(trend.urgency - 1) / 4,
                colour=URGENCY_COLOURS.get(trend.urgency, COLOURS["actual"]),
            )
        )
    return points


def trend_matrix(trends) -> str:
    return matrix_chart(
        matrix_points(trends),
        width=480,
        height=480,
        x_label=_("Unpredictability →"),
        y_label=_("Impact →"),
        # The middle lines fall at 2.5, between "low" (1–2) and "high" (3–5).
        x_range=(-0.2, 5.2),
        y_range=(-0.2, 5.2),
        title=_("Trends by impact and unpredictability"),
        desc=_("Dot size and colour show urgency; numbers refer to the list."),
        quadrants=(_("Act"), _("Scenario drivers"), _("Take note"), _("Keep watching")),
    )
