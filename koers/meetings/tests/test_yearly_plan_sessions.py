"""Multi-year plans: a plan session closes each year of the plan, not only its last."""

from datetime import date

import time_machine
from django.utils import timezone

from koers.meetings import rules
from koers.meetings.models import Kind


def _three_years(plan):
    plan.start_date, plan.end_date = date(2027, 1, 1), date(2029, 12, 31)
    plan.save(update_fields=["start_date", "end_date"])
    return plan


def _plan_months(sessions):
    zone = sessions[0].starts_at.tzinfo
    return [
        (s.starts_at.astimezone(zone).year, s.starts_at.astimezone(zone).month)
        for s in sessions
        if s.kind == Kind.PLAN
    ]


@time_machine.travel("2026-12-01 08:00Z", tick=False)
def test_a_three_year_plan_gets_a_plan_session_at_the_end_of_each_year(plan):
    sessions = rules.schedule_sessions(
        _three_years(plan), rules.cadence_of(plan), timezone.localdate()
    )
    assert _plan_months(sessions) == [(2027, 12), (2028, 12), (2029, 12)]
    kinds = [s.kind for s in sessions]
    # Each year keeps its three other steering sessions; December is the plan session's.
    assert kinds.count(Kind.STEERING) == 9
    assert len(sessions) == 36


@time_machine.travel("2028-06-15 08:00Z", tick=False)
def test_planning_halfway_a_multi_year_plan_plans_the_coming_yearly_plan_sessions(plan):
    sessions = rules.schedule_sessions(
        _three_years(plan), rules.cadence_of(plan), timezone.localdate()
    )
    assert _plan_months(sessions) == [(2028, 12), (2029, 12)]


@time_machine.travel("2026-12-01 08:00Z", tick=False)
def test_a_plan_of_one_year_still_gets_one_plan_session_at_its_end(plan):
    sessions = rules.schedule_sessions(plan, rules.cadence_of(plan), timezone.localdate())
    assert _plan_months(sessions) == [(2027, 12)]


@time_machine.travel("2026-12-01 08:00Z", tick=False)
def test_a_plan_of_eighteen_months_gets_one_after_its_first_year_and_one_at_its_end(plan):
    plan.end_date = date(2028, 6, 30)
    plan.save(update_fields=["end_date"])
    sessions = rules.schedule_sessions(plan, rules.cadence_of(plan), timezone.localdate())
    assert _plan_months(sessions) == [(2027, 12), (2028, 6)]
