"""Roll-up: a KPI fed by KPIs of the plans below it, as pure functions.

A parent KPI (`Kpi.roll_up` set) takes, per period, the figures its sources (`KpiSource`) have
for that period and combines them: sum, average, median, or the last value entered. Decided:

- **Missing figures.** A period is rolled up from the sources that have a figure for it; the
  point says how many did (`present` of `total`), and the pages say "incomplete: 2 of 3". A
  sum over the departments that reported is still the best figure there is, and hiding it
  until the last department reports would leave the organisation's dashboard empty for weeks.
  A period for which no source has a figure has no rolled-up figure.
- **Units, direction, frequency.** A source must be measured in the parent's unit (`lib.amounts`
  notion of "the same unit": "€" and "EUR"), in the same direction (higher/lower/range: adding
  a "lower is better" figure to a "higher is better" one has no meaning) and with the same
  frequency (a quarter's figure is no month's). Anything else is refused when it is chosen.
- **Depth.** A source is a KPI of any plan below the parent's plan (`cascade.descendants`), so
  a plan three levels up can be fed straight from a team; a fed KPI may itself feed one above.
- **Last value** is the figure entered last among the sources for that period (`entered_at`,
  ties broken by the higher value so the answer never depends on the sources' order).

Average and median are rounded to the figures' two decimals (half up), so they stay within the
smallest and largest figure.
"""

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from koers.lib.amounts import same_unit

SUM, AVERAGE, MEDIAN, LAST = "sum", "average", "median", "last"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Point:
    """A rolled-up figure for one period: the value and how many sources it was made from."""

    value: Decimal
    present: int
    total: int

    @property
    def complete(self) -> bool:
        return self.present == self.total


def combine(how: str, figures: Sequence[tuple]) -> Decimal:
    """One period's figures (value, entered_at) of the sources that have one, combined."""
    values = [Decimal(value) for value, _at in figures]
    if not values:
        raise ValueError("no figures to combine")
    if how == SUM:
        return sum(values, Decimal(0))
    if how == AVERAGE:
        return (sum(values, Decimal(0)) / len(values)).quantize(CENT, ROUND_HALF_UP)
    if how == MEDIAN:
        return Decimal(statistics.median(sorted(values))).quantize(CENT, ROUND_HALF_UP)
    if how == LAST:
        return max(figures, key=lambda f: (f[1] is not None, f[1] or 0, Decimal(f[0])))[0]
    raise ValueError(how)


def roll_up(how: str, series: Mapping[object, Mapping[date, tuple]]) -> dict[date, Point]:
    """Per period, the sources' figures combined. `series`: source -> {period: (value,
    entered_at)}; every source counts towards `total`, also one without any figure."""
    total = len(series)
    periods = sorted({period for figures in series.values() for period in figures})
    out = {}
    for period in periods:
        present = [figures[period] for figures in series.values() if period in figures]
        out[period] = Point(combine(how, present), len(present), total)
    return out


def refusal(parent, source, below: set[int]) -> str:
    """Why `source` cannot feed `parent` (both KPIs; `below`: the ids of the plans under the
    parent's plan), or "" when it can. The message names the source, for a list of refusals."""
    name = {"kpi": source.name}
    if source.pk == parent.pk or source.plan_id not in below:
        return _("“%(kpi)s” is not a KPI of a plan below this one.") % name
    if not same_unit(source.unit or "", parent.unit or ""):
        return _(
            "“%(kpi)s” is measured in “%(unit)s” and this KPI in “%(ours)s”: "
            "only figures in the same unit can be combined."
        ) % {**name, "unit": source.unit or "—", "ours": parent.unit or "—"}
    if source.direction != parent.direction:
        return _("“%(kpi)s” counts the other way (%(theirs)s); this KPI: %(ours)s.") % {
            **name,
            "theirs": source.get_direction_display().lower(),
            "ours": parent.get_direction_display().lower(),
        }
    if source.frequency != parent.frequency:
        return _("“%(kpi)s” is measured %(theirs)s, this KPI %(ours)s.") % {
            **name,
            "theirs": source.get_frequency_display().lower(),
            "ours": parent.get_frequency_display().lower(),
        }
    return ""
