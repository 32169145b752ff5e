"""Forms of the dashboard."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.accounts.owners import PendingOwnerMixin
from koers.dashboard.models import Kpi, KpiTarget, Measurement
from koers.dashboard.status import parse_period
from koers.lib.amounts import AmountUnitsMixin
from koers.lib.forms import VersionedForm
from koers.lib.numbers import bounded_formfield
from koers.plans.roles import people_on_plan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KpiForm(PendingOwnerMixin, AmountUnitsMixin, VersionedForm):
    amount_units = {"baseline_value": "unit", "target_value": "unit"}

    class Meta:
        model = Kpi
        fields = [
            "unit",
            "direction",
            "range_min",
            "range_max",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "frequency",
            "tolerance_pct",
            "owner",
        ]
        widgets = {"baseline_date": DATE, "target_date": DATE}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_on_plan(plan)
        self.fields["owner"].label_from_instance = lambda user: user.display_name
        self.offer_invitees(plan.workspace, self.fields["owner"].queryset)  # before they join

    def clean(self):
        data = super().clean()
        if data.get("direction") == "range":
            low, high = data.get("range_min"), data.get("range_max")
            if low is None or high is None:
                self.add_error("range_min", _("A range needs a lowest and a highest value."))
            elif low > high:
                self.add_error("range_max", _("The highest value must be above the lowest."))
        if data.get("tolerance_pct") is not None and data["tolerance_pct"] > 100:
            self.add_error("tolerance_pct", _("Choose a tolerance from 0 to 100 %."))
        return data


class MeasurementForm(VersionedForm):
    class Meta:
        model = Measurement
        fields = ["value", "note"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_("Columns: kpi_id, kpi, period (2027-03), value, note."),
    )


class MilestoneForm(forms.Form):
    period = forms.CharField(label=_("Period"), widget=forms.TextInput(attrs={"type": "month"}))
    value = bounded_formfield(KpiTarget._meta.get_field("value"), label=_("Target"))

    def clean_period(self):
        try:
            return parse_period(self.cleaned_data["period"])
        except ValueError as error:
            raise forms.ValidationError(_("Choose a month.")) from error


class RollUpForm(VersionedForm):
    """How a KPI is filled from KPIs of the plans below (koers.dashboard.fed.set_roll_up)."""

    sources = forms.MultipleChoiceField(
        label=_("KPIs of the plans below"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Kpi
        fields = ["roll_up"]
        labels = {"roll_up": _("Fill this KPI")}

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roll_up"].choices = [("", _("By hand (not filled from other plans)"))] + [
            (value, label) for value, label in self.fields["roll_up"].choices if value
        ]
        self.fields["sources"].choices = [
            (str(k.pk), f"{k.plan.name} · {k.name}{f' ({k.unit})' if k.unit else ''}")
            for k in candidates
        ]
        if not self.is_bound:
            self.fields["sources"].initial = [
                str(pk) for pk in self.instance.sources.values_list("source_id", flat=True)
            ]
