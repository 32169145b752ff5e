"""Every number field of every form is bounded to what its column holds (koers.lib.numbers), so
no form can store a value that breaks the pages reading it."""

import pytest
from django import forms
from django.urls import get_resolver

from koers.lib.numbers import INTEGER_RANGES, BoundedDecimalField, BoundedModelForm


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def project_forms():
    get_resolver().url_patterns  # noqa: B018 — importing the views imports every form module
    return sorted(
        {f for f in all_subclasses(forms.BaseForm) if f.__module__.startswith("koers.")},
        key=lambda f: f"{f.__module__}.{f.__name__}",
    )


def test_every_model_form_with_numbers_is_a_bounded_model_form():
    numeric = (forms.DecimalField, forms.IntegerField)
    model_forms = [
        f
        for f in project_forms()
        if issubclass(f, forms.ModelForm)
        and any(isinstance(field, numeric) for n, field in f.base_fields.items() if n != "version")
    ]
    assert len(model_forms) > 5
    for form in model_forms:
        assert issubclass(form, BoundedModelForm), f"{form.__name__} is not a BoundedModelForm"


@pytest.mark.parametrize("form", project_forms(), ids=lambda f: f.__name__)
def test_no_number_field_accepts_more_than_its_column_holds(form):
    for name, field in form.base_fields.items():
        if name == "version":  # compared, never stored: a wrong one is a conflict
            continue
        if isinstance(field, forms.DecimalField):
            assert isinstance(field, BoundedDecimalField), f"{form.__name__}.{name}"
        elif isinstance(field, forms.IntegerField):
            low, high = INTEGER_RANGES["BigIntegerField"]
            assert field.max_value is not None and field.max_value <= high, (
                f"{form.__name__}.{name}"
            )
            assert field.min_value is not None and field.min_value >= low, f"{form.__name__}.{name}"


@pytest.mark.parametrize("field,raw", [("update_minutes", "2000"), ("plan_minutes", "99999")])
def test_a_session_length_no_person_means_is_refused(login, plan, process_owner, field, raw):
    from django.urls import reverse

    from koers.meetings import rules

    data = {
        "update_every_months": 1,
        "update_minutes": 45,
        "steering_every_months": 3,
        "steering_minutes": 120,
        "plan_minutes": 600,
        "weekday": 1,
        "week_of_month": 2,
        "start_time": "09:00",
        "request_days_before": 5,
        "reminder_days_before": 3,
        "version": 1,
        field: raw,
    }
    url = reverse("meetings:cadence", args=["acme", plan.pk])
    response = login(process_owner).post(url, data)
    assert response.status_code == 422
    assert getattr(rules.cadence_of(plan), field) != int(raw)
