"""When a strategy is behind: in content (a KPI off track) and/or in planning (an open action
red or past its due date); the plan session looks at those furthest behind first."""

from datetime import date

from koers.dashboard.status import AT_RISK, OFF_TRACK, ON_TRACK, UNKNOWN, behind

TODAY = date(2027, 6, 1)


def test_a_kpi_off_track_is_behind_in_content_and_at_risk_is_not():
    assert behind([ON_TRACK, OFF_TRACK], [], TODAY).content
    assert not behind([AT_RISK, ON_TRACK, UNKNOWN], [], TODAY).content


def test_a_red_action_or_one_past_its_due_date_is_behind_in_planning():
    assert behind([], [("red", None)], TODAY).planning
    assert behind([], [("green", date(2027, 5, 31))], TODAY).planning
    assert not behind([], [("orange", date(2027, 6, 1)), ("", None)], TODAY).planning


def test_without_a_date_only_colours_count():
    assert not behind([], [("green", date(2000, 1, 1))], None).planning


def test_behind_in_both_ranks_before_one_and_one_before_none_then_by_how_much():
    both = behind([OFF_TRACK], [("red", None)], TODAY)
    content = behind([OFF_TRACK, OFF_TRACK], [], TODAY)
    planning = behind([], [("red", None)], TODAY)
    little = behind([OFF_TRACK], [], TODAY)
    fine = behind([ON_TRACK], [("green", None)], TODAY)
    ranked = sorted([fine, little, planning, content, both], key=lambda b: b.rank)
    assert ranked == [both, content, little, planning, fine]
    assert (both.off_track, both.late) == (1, 1)
