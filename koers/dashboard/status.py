"""Computed KPI status and health, as plain functions.

The rule, per KPI, for its latest measured period:
- higher is better: on track when actual ≥ target; at risk when it falls short by at most the
  KPI's tolerance (a share of the target's size); off track beyond that;
- lower is better: the mirror image;
- within a range: on track inside [min, max]; at risk within the tolerance (a share of the
  range's width) outside it; off track beyond.
No measurement or no target gives "unknown". A strategy or goal takes the worst status of its
KPIs (unknowns ignored): one red light is what a session must talk about.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from koers.actions.models import colour_severity

ON_TRACK, AT_RISK, OFF_TRACK, UNKNOWN = "on_track", "at_risk", "off_track", "unknown"
SEVERITY = {OFF_TRACK: 0, AT_RISK: 1, ON_TRACK: 2, UNKNOWN: 3}
COLOUR_OF = {ON_TRACK: "green", AT_RISK: "orange", OFF_TRACK: "red", UNKNOWN: ""}


def parse_period(raw: str) -> date:
    """The month a typed or posted period names ("2027-03", or a date in it such as
    "2027-03-31"), as its first day; ValueError for anything else. Every period the dashboard
    reads (the grid's choice, a milestone, an imported figure) goes through here."""
    text = (raw or "").strip()[:10]
    if len(text) < 7 or text[4] != "-" or not (text[:4].isdigit() and text[5:7].isdigit()):
        raise ValueError(raw)
    return date(int(text[:4]), int(text[5:7]), 1)


def kpi_status(
    actual, target, direction: str, tolerance_pct: float = 10, range_min=None, range_max=None
) -> str:
    if actual is None:
        return UNKNOWN
    actual = float(actual)
    tolerance = max(float(tolerance_pct), 0) / 100
    if direction == "range":
        if range_min is None or range_max is None:
            return UNKNOWN
        lo, hi = float(range_min), float(range_max)
        if lo <= actual <= hi:
            return ON_TRACK
        slack = abs(hi - lo) * tolerance
        return AT_RISK if lo - slack <= actual <= hi + slack else OFF_TRACK
    if target is None:
        return UNKNOWN
    target = float(target)
    shortfall = target - actual if direction == "higher" else actual - target
    if shortfall <= 0:
        return ON_TRACK
    allowed = abs(target) * tolerance if target else tolerance
    return AT_RISK if shortfall <= allowed else OFF_TRACK


def roll_up(statuses) -> str:
    known = [s for s in statuses if s != UNKNOWN]
    return min(known, key=SEVERITY.__getitem__) if known else UNKNOWN


def trend(values) -> int:
    """+1 rising, -1 falling, 0 flat or unknown, over the last two known values."""
    known = [float(v) for v in values if v is not None]
    if len(known) < 2 or known[-1] == known[-2]:
        return 0
    return 1 if known[-1] > known[-2] else -1


def action_health(progress, start, due, today, days_since_update, done=False) -> str:
    """The colour the evidence suggests for an action: progress against the time elapsed,
    overdue, and how long ago its owner last said anything."""
    if done:
        return "green"
    if due and today > due:
        return "red"
    colour = "green"
    if start and due and due > start:
        elapsed = min(max((today - start).days / (due - start).days, 0), 1)
        gap = elapsed * 100 - (progress or 0)
        colour = "red" if gap > 35 else "orange" if gap > 15 else "green"
    if days_since_update is None or days_since_update > 42:
        colour = "red" if colour == "orange" else "orange" if colour == "green" else colour
    return colour


def flag_actions(open_actions, today, now) -> list:
    """Open actions whose declared colour differs from what the evidence suggests, each given
    its `computed_colour` (`action_health`)."""
    flagged = []
    for action in open_actions:
        silent = (now - action.last_update_at).days if action.last_update_at else None
        action.computed_colour = action_health(
            action.progress, action.start_date, action.due_date, today, silent
        )
        if action.colour and action.colour != action.computed_colour:
            flagged.append(action)
    return flagged


def judge_strategies(groups, open_actions) -> None:
    """Give each dashboard strategy group its `computed` health (its KPIs and its open
    actions' colours) and whether that `disagree`s with the colour its owner declared."""
    colours: dict = {}
    for action in open_actions:
        colours.setdefault(action.strategy_id, []).append(action.colour)
    for group in groups:
        group["computed"] = strategy_health(
            [k.status for k in group["kpis"]], colours.get(group["strategy"].pk, [])
        )
        declared, computed = group["declared"], group["computed"]
        group["disagree"] = bool(declared and computed) and declared != computed


def strategy_health(kpi_statuses, action_colours) -> str:
    """Evidence for a strategy: its KPIs' status and its open actions' colours.

    No measured KPI and no action with a colour is no evidence at all: "" (shown as "no figures
    yet"), never a green that nobody measured."""
    kpi = COLOUR_OF[roll_up(kpi_statuses)]
    if not kpi and not any(action_colours):
        return ""
    reds = sum(c == "red" for c in action_colours)
    share = reds / len(action_colours) if action_colours else 0
    actions = "red" if share > 0.34 else "orange" if share > 0 else "green"
    return min([kpi or "green", actions], key=colour_severity)


@dataclass(frozen=True)
class Behind:
    """How far a strategy is behind, as the plan session zooms in on it (METHOD.md): in content
    when a KPI is off track, in planning when an open action is red or past its due date."""

    off_track: int  # KPIs off track
    late: int  # open actions red or overdue

    @property
    def content(self) -> bool:
        return self.off_track > 0

    @property
    def planning(self) -> bool:
        return self.late > 0

    @property
    def rank(self) -> tuple:
        """Furthest behind first: behind in both, then in one; then by how many."""
        return (-(self.content + self.planning), -self.off_track, -self.late)


def behind(kpi_statuses, open_actions, today) -> Behind:
    """`open_actions`: (colour, due date) of a strategy's open actions; `today` None leaves
    overdue out (an agenda built without a date)."""
    late = sum(
        colour == "red" or (today is not None and due is not None and due < today)
        for colour, due in open_actions
    )
    return behind_counted(kpi_statuses, late)


def late_q(today) -> Q:
    """`behind`'s late action as a filter of open actions, for counting them in the database
    where there are thousands (the portfolio): red, or due before today."""
    return Q(colour="red") | Q(due_date__lt=today)


def behind_counted(kpi_statuses, late: int) -> Behind:
    """`behind` with the late actions already counted (`late_q`)."""
    return Behind(sum(s == OFF_TRACK for s in kpi_statuses), late)
