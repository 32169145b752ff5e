"""No silent loss in number fields: "450 members" gives the number and the unit, or says why not."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.lib.amounts import parse_amount
from koers.plans.forms import GoalForm, MeasureForm
from koers.plans.models import Goal

HTMX = {"HTTP_HX_REQUEST": "true"}


def goal_new(plan):
    return reverse("plans:goal_new", args=[plan.workspace.slug, plan.pk])


def new_goal(plan, **data):
    return GoalForm({"title": "Members", **data}, instance=Goal(plan=plan))


@pytest.mark.parametrize(
    ("typed", "value", "unit"),
    [
        ("450 members", "450", "members"),
        ("€ 1.2M", "1200000", "€"),
        ("€1,2 mln", "1200000", "€"),
        ("EUR 450", "450", "EUR"),
        ("12,5 %", "12.5", "%"),
        ("1.234,5 euro", "1234.5", "euro"),
        ("1 200 leden", "1200", "leden"),
        ("10k", "10000", ""),
        ("2 million members", "2000000", "members"),
    ],
)
def test_a_number_with_a_unit_word_or_sign_is_read_in_both_notations(typed, value, unit):
    assert parse_amount(typed) == (Decimal(value), unit)


@pytest.mark.parametrize("typed", ["lots", "Q1 2026", "EUR 5 members", "2026-01"])
def test_text_that_is_not_one_number_is_refused(typed):
    with pytest.raises(ValidationError):
        parse_amount(typed)


def test_a_goal_target_with_a_unit_takes_the_number_and_fills_the_empty_unit(plan):
    form = new_goal(plan, target_value="450 members", target_unit="")
    assert form.is_valid(), form.errors
    goal = form.save()
    goal.refresh_from_db()
    assert (goal.target_value, goal.target_unit) == (Decimal("450"), "members")


def test_the_same_unit_in_both_fields_is_accepted(plan):
    form = new_goal(plan, target_value="€ 1.2M", target_unit="EUR")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["target_value"] == Decimal("1200000")
    assert form.cleaned_data["target_unit"] == "EUR"


def test_a_unit_that_disagrees_with_the_unit_field_is_a_message(plan):
    form = new_goal(plan, target_value="450 members", target_unit="EUR")
    assert not form.is_valid()
    (message,) = form.errors["target_value"]
    assert "“450 members” gives the unit “members”, but the unit field says “EUR”" in message


def test_a_target_that_is_no_number_says_so(plan):
    form = new_goal(plan, target_value="a lot")
    assert not form.is_valid()
    assert form.errors["target_value"] == ["“a lot” is not a number."]


def test_a_measure_target_takes_its_unit_too(plan):
    strategy = plan.strategies.first()
    form = MeasureForm(
        {"name": "Members", "target": "450 leden", "unit": "", "direction": "higher"},
        instance=strategy.measures.model(strategy=strategy),
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["target"], form.cleaned_data["unit"]) == (Decimal("450"), "leden")


def test_the_target_field_is_text_so_the_browser_sends_what_was_typed(plan):
    html = str(new_goal(plan)["target_value"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html


def test_adding_a_goal_with_450_members_saves_both(login, plan, owner):
    login(owner).post(goal_new(plan), {"title": "Members", "target_value": "450 members"}, **HTMX)
    goal = plan.goals.get(title="Members")
    assert (goal.target_value, goal.target_unit) == (Decimal("450"), "members")


def test_a_refused_target_keeps_what_was_typed_and_saves_nothing(login, plan, owner):
    response = login(owner).post(
        goal_new(plan),
        {"title": "Members", "target_value": "450 members", "target_unit": "EUR"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert 'value="450 members"' in html and "but the unit field says" in html
    assert not plan.goals.filter(title="Members").exists()


def test_in_dutch_the_message_is_dutch(login, plan, owner):
    owner.language = "nl"
    owner.save(update_fields=["language"])
    response = login(owner).post(
        goal_new(plan),
        {"title": "Leden", "target_value": "450 leden", "target_unit": "EUR"},
        **HTMX,
    )
    assert "maar de eenheid zegt" in response.content.decode()
