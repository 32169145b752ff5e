"""The dashboard's health checks and its one period parser (koers.dashboard.status)."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from koers.dashboard import status
from koers.dashboard.forms import MilestoneForm


@pytest.mark.parametrize(
    ("raw", "month"),
    [
        ("2027-03", date(2027, 3, 1)),
        ("2027-03-31", date(2027, 3, 1)),
        (" 2027-12 ", date(2027, 12, 1)),
    ],
)
def test_a_period_names_its_month(raw, month):
    assert status.parse_period(raw) == month


@pytest.mark.parametrize("raw", ["", "2027", "march", "2027-13", "27-03-01", "2027x03", None])
def test_anything_else_is_no_period(raw):
    with pytest.raises(ValueError):
        status.parse_period(raw)


def test_the_milestone_form_reads_periods_with_the_same_parser():
    form = MilestoneForm({"period": "2027-13", "value": "5"})
    assert not form.is_valid() and "period" in form.errors
    assert MilestoneForm({"period": "2027-04", "value": "5"}).is_valid()


NOW = datetime(2027, 7, 1, 12, tzinfo=timezone.get_fixed_timezone(0))


def _action(colour, progress=50, last_update_days=1, strategy_id=1):
    now = NOW
    return SimpleNamespace(
        colour=colour,
        progress=progress,
        start_date=date(2027, 1, 1),
        due_date=date(2027, 12, 31),
        last_update_at=now - timedelta(days=last_update_days),
        strategy_id=strategy_id,
    )


def test_an_action_whose_colour_the_evidence_contradicts_is_flagged():
    today, now = date(2027, 7, 1), NOW
    honest = _action("green", progress=50)
    hopeful = _action("green", progress=5)
    flagged = status.flag_actions([honest, hopeful], today, now)
    assert flagged == [hopeful]
    assert hopeful.computed_colour == "red"


def test_a_strategy_with_red_actions_disagrees_with_a_declared_green():
    groups = [{"strategy": SimpleNamespace(pk=1), "kpis": [], "declared": "green"}]
    status.judge_strategies(groups, [_action("red"), _action("red"), _action("green")])
    assert groups[0]["computed"] == "red"
    assert groups[0]["disagree"]


def test_no_evidence_is_no_verdict():
    groups = [{"strategy": SimpleNamespace(pk=1), "kpis": [], "declared": "green"}]
    status.judge_strategies(groups, [])
    assert groups[0]["computed"] == ""
    assert not groups[0]["disagree"]
