"""Forms for the plan and its content; each carries the version it was loaded at."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from koers.accounts.owners import PendingOwnerMixin
from koers.lib.amounts import AmountUnitsMixin
from koers.lib.numbers import BoundedModelForm
from koers.plans.models import Goal, Measure, Plan, Strategy

MAX_VERSION = 2**31 - 1  # what a version column holds on every database
UNKNOWN_VERSION = -1  # matches no row: versions start at 0 (unsaved defaults) or 1


class VersionedForm(BoundedModelForm):
    """Adds the hidden version the editor started from, for the optimistic concurrency check."""

    # Text, not a number field: a missing or mangled version is a conflict the editor is told
    # about (loaded_version), not an error on a field they cannot see.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version

    @property
    def edited_fields(self) -> list[str]:
        return list(self._meta.fields)

    def clean_version(self) -> int | None:
        raw = (self.cleaned_data.get("version") or "").strip()
        if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_VERSION:
            return None
        return int(raw)

    def loaded_version(self) -> int:
        """The version the editor started from. An edit of a saved row posted without it (an
        old tab, a script, a tampered form) cannot show it saw the latest save, so it gets a
        version no row has: save_versioned reports a conflict instead of overwriting."""
        loaded = self.cleaned_data.get("version")
        if loaded is not None:
            return loaded
        return self.instance.version if self.instance.pk is None else UNKNOWN_VERSION


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
