"""Status, roll-up, interpolation and health rules, with properties over the input space."""

from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from koers.dashboard import status as s
from koers.dashboard import targets as t

numbers = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
directions = st.sampled_from(["higher", "lower"])
tolerances = st.integers(0, 100)


@given(numbers, directions, tolerances)
def test_hitting_the_target_exactly_is_on_track(target, direction, tolerance):
    assert s.kpi_status(target, target, direction, tolerance) == s.ON_TRACK


@given(numbers, numbers, directions, tolerances)
def test_lower_is_better_mirrors_higher_is_better(actual, target, direction, tolerance):
    other = "lower" if direction == "higher" else "higher"
    assert s.kpi_status(actual, target, direction, tolerance) == s.kpi_status(
        -actual, -target, other, tolerance
    )


@given(numbers, numbers, numbers, directions, tolerances)
def test_a_better_figure_never_has_a_worse_status(a, b, target, direction, tolerance):
    better, worse = (max(a, b), min(a, b)) if direction == "higher" else (min(a, b), max(a, b))
    rank = s.SEVERITY
    assert (
        rank[s.kpi_status(better, target, direction, tolerance)]
        >= rank[s.kpi_status(worse, target, direction, tolerance)]
    )


@given(st.one_of(st.none(), numbers), st.one_of(st.none(), numbers), directions)
def test_missing_figures_give_unknown_not_a_guess(actual, target, direction):
    assume(actual is None or target is None)
    assert s.kpi_status(actual, target, direction) == s.UNKNOWN


def test_the_tolerance_separates_at_risk_from_off_track():
    assert s.kpi_status(95, 100, "higher", 10) == s.AT_RISK
    assert s.kpi_status(89, 100, "higher", 10) == s.OFF_TRACK
    assert s.kpi_status(4.2, 4, "lower", 10) == s.AT_RISK
    assert s.kpi_status(5, 4, "lower", 10) == s.OFF_TRACK


def test_a_range_kpi_is_on_track_inside_and_at_risk_just_outside():
    assert s.kpi_status(50, None, "range", 10, 40, 60) == s.ON_TRACK
    assert s.kpi_status(61, None, "range", 10, 40, 60) == s.AT_RISK
    assert s.kpi_status(70, None, "range", 10, 40, 60) == s.OFF_TRACK


@given(st.lists(st.sampled_from([s.ON_TRACK, s.AT_RISK, s.OFF_TRACK, s.UNKNOWN])))
def test_roll_up_takes_the_worst_known_status(statuses):
    result = s.roll_up(statuses)
    known = [x for x in statuses if x != s.UNKNOWN]
    assert result == (min(known, key=s.SEVERITY.get) if known else s.UNKNOWN)


@given(numbers, numbers, st.integers(30, 1000), st.integers(0, 1200))
def test_interpolation_runs_from_baseline_to_target_and_stays_between(base, goal, span, offset):
    start = date(2026, 1, 1)
    end = start + timedelta(days=span)
    value = t.interpolate(start, base, end, goal, start + timedelta(days=offset))
    assert min(base, goal) - 1e-6 <= value <= max(base, goal) + 1e-6
    if offset >= span:
        assert value == goal


def test_an_explicit_milestone_beats_interpolation():
    milestones = {date(2027, 3, 1): 70}
    args = (date(2026, 12, 31), 0, date(2027, 12, 31), 120)
    assert t.target_for(date(2027, 3, 1), "monthly", milestones, *args) == 70
    assert round(t.target_for(date(2027, 6, 1), "monthly", milestones, *args)) == 60


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.sampled_from(["monthly", "quarterly"]))
def test_periods_chain_without_gaps(day, frequency):
    start = t.period_start(day, frequency)
    nxt = t.next_period(start, frequency)
    assert start <= day < nxt and t.period_end(start, frequency) == nxt - timedelta(days=1)


def test_action_health_weighs_time_progress_and_silence():
    today = date(2027, 6, 1)
    start, due = date(2027, 1, 1), date(2027, 12, 31)
    assert s.action_health(45, start, due, today, 7) == "green"
    assert s.action_health(20, start, due, today, 7) == "orange"
    assert s.action_health(0, start, due, today, 7) == "red"
    assert s.action_health(45, start, due, today, 60) == "orange"  # silent for two months
    assert s.action_health(90, start, date(2027, 5, 1), today, 1) == "red"  # overdue
