"""Periods and targets per period, as plain functions.

A KPI's target for a period is its explicit milestone for that period if one is set; otherwise
the straight line from the baseline to the end target, read at the period's end. Before the
baseline or without an end target there is no target (None), and the status is "unknown".
"""

from datetime import date


def period_start(day: date, frequency: str) -> date:
    month = day.month if frequency == "monthly" else 3 * ((day.month - 1) // 3) + 1
    return date(day.year, month, 1)


def next_period(period: date, frequency: str) -> date:
    step = 1 if frequency == "monthly" else 3
    month = period.month - 1 + step
    return date(period.year + month // 12, month % 12 + 1, 1)


def periods(start: date, end: date, frequency: str) -> list[date]:
    out, current = [], period_start(start, frequency)
    while current <= end:
        out.append(current)
        current = next_period(current, frequency)
    return out


def period_end(period: date, frequency: str) -> date:
    return date.fromordinal(next_period(period, frequency).toordinal() - 1)


def interpolate(baseline_date, baseline_value, target_date, target_value, day: date):
    """The straight line from baseline to end target at `day`; flat after the target date."""
    if None in (baseline_date, baseline_value, target_date, target_value):
        # Without a baseline there is no line, only the end target once its date has come.
        reached = (
            target_value is not None and baseline_value is None and day >= (target_date or day)
        )
        return float(target_value) if reached else None
    if day <= baseline_date:
        return float(baseline_value)
    if day >= target_date or target_date <= baseline_date:
        return float(target_value)
    share = (day - baseline_date).days / (target_date - baseline_date).days
    return float(baseline_value) + share * (float(target_value) - float(baseline_value))


def target_for(
    period: date,
    frequency: str,
    milestones: dict,
    baseline_date,
    baseline_value,
    target_date,
    target_value,
):
    if period in milestones:
        return float(milestones[period])
    return interpolate(
        baseline_date, baseline_value, target_date, target_value, period_end(period, frequency)
    )
