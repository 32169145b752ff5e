"""Forms for the plan and its content; each carries the version it was loaded at."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from koers.accounts.owners import PendingOwnerMixin
from koers.lib.amounts import AmountUnitsMixin
from koers.lib.forms import VersionedForm
from koers.plans.models import Goal, Measure, Plan, Strategy


class PlanForm(VersionedForm):
    class Meta:
        model = Plan
        fields = ["name", "period", "start_date", "end_date", "description"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        return data


class ObjectiveForm(VersionedForm):
    class Meta:
        model = Plan
        fields = ["objective"]
        widgets = {"objective": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}

    def clean_objective(self):
        text = self.cleaned_data["objective"].strip()
        if len(text) > 2000:
            raise forms.ValidationError(
                _("Keep the objective to a few sentences (at most 2000 characters).")
            )
        return text


class GoalForm(AmountUnitsMixin, VersionedForm):
    amount_units = {"target_value": "target_unit"}  # "450 members" fills both

    class Meta:
        model = Goal
        fields = ["title", "measured_by", "target_value", "target_unit", "target_date"]
        widgets = {"target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class StrategyForm(PendingOwnerMixin, VersionedForm):
    class Meta:
        model = Strategy
        fields = ["title", "description", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, workspace, invitees=True, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people of this workspace can own one of its strategies.
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(memberships__workspace=workspace)
            .order_by("first_name", "username")
        )
        self.fields["owner"].label_from_instance = lambda user: user.display_name
        # and people invited to it; not in a draft version, which stores members only
        self.invitees = invitees
        if invitees:
            self.offer_invitees(workspace, self.fields["owner"].queryset)

    @property
    def edited_fields(self) -> list[str]:
        fields = super().edited_fields
        return fields if self.invitees else [f for f in fields if f != "pending_owner"]


class MeasureForm(AmountUnitsMixin, VersionedForm):
    amount_units = {"target": "unit"}

    class Meta:
        model = Measure
        fields = ["name", "unit", "target", "direction"]


DRAFT_FORMS = {"goal": GoalForm, "strategy": StrategyForm, "measure": MeasureForm}


def draft_item_form(kind, plan, values, data=None, **kwargs):
    """The plan editor's form for one item of a draft's content (`values`, None for a new one):
    the draft editor and the plan session's guided edits validate with the same forms."""
    from koers.plans.versions import MODELS, _from_content  # versions imports the models

    instance = MODELS[kind](**_from_content(kind, values)) if values else None
    extra = {"workspace": plan.workspace, "invitees": False} if kind == "strategy" else {}
    return DRAFT_FORMS[kind](data, instance=instance, **extra, **kwargs)
