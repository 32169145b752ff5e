"""Forms of the analysis tools; querysets are narrowed to the requester's workspace."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.actions.models import Action
from koers.actions.queries import open_q
from koers.analysis.models import (
    Brainstorm,
    CanvasItem,
    Category,
    Decision,
    Scenario,
    ScenarioSet,
    Signal,
    SwotItem,
    SwotKind,
    Trend,
)
from koers.lib.forms import VersionedForm
from koers.lib.numbers import BoundedModelForm
from koers.plans.models import Plan, Strategy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _strategies(workspace):
    return (
        Strategy.objects.filter(plan__workspace=workspace, plan__archived_at__isnull=True)
        .select_related("plan")
        .order_by("plan__name", "position")
    )


class StrategyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.name} · {obj.title}"


class CanvasItemForm(VersionedForm):
    class Meta:
        model = CanvasItem
        fields = ["block", "text", "mark", "why"]
        widgets = {"mark": forms.RadioSelect}
        help_texts = {"why": _("Why is it a strength or a vulnerability?")}

    def clean(self):
        data = super().clean()
        if data.get("why") and not data.get("mark"):
            self.add_error("mark", _("Mark it as a strength or a vulnerability, or leave out why."))
        return data


class VersionLabelForm(forms.Form):
    label = forms.CharField(label=_("Name of this version"), max_length=120)


class SwotItemForm(VersionedForm):
    class Meta:
        model = SwotItem
        fields = ["kind", "description", "source"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reason = forms.CharField(label=_("Why ignore it for now?"), max_length=300, required=False)
    strategy = StrategyChoice(label=_("Responding strategy"), queryset=None, required=False)
    action = forms.ModelChoiceField(label=_("Responding action"), queryset=None, required=False)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = _strategies(workspace)
        self.fields["action"].queryset = Action.objects.filter(
            open_q(), strategy__plan__workspace=workspace, strategy__plan__archived_at__isnull=True
        ).order_by("title")


class TrendForm(VersionedForm):
    source_url = forms.URLField(
        label=_("Source"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Trend
        fields = ["title", "category", "description", "source_url"] + [
            "urgency",
            "impact",
            "unpredictability",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "urgency": _("1 = can wait years, 5 = is happening now"),
            "impact": _("1 = hardly touches us, 5 = changes our business"),
            "unpredictability": _("1 = sure to happen this way, 5 = could go either way"),
        }


class ToSwotForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (SwotKind.OPPORTUNITY, SwotKind.OPPORTUNITY.label),
            (SwotKind.RISK, SwotKind.RISK.label),
        ]
    )


class ScenarioSetForm(BoundedModelForm):
    class Meta:
        model = ScenarioSet
        fields = ["title", "plan", "driver_x", "x_low", "x_high", "driver_y", "y_low", "y_high"]

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        trends = Trend.objects.filter(workspace=workspace, archived_at__isnull=True)
        self.fields["driver_x"].queryset = trends
        self.fields["driver_y"].queryset = trends
        self.fields["plan"].queryset = Plan.objects.filter(
            workspace=workspace, archived_at__isnull=True
        )

    def clean(self):
        data = super().clean()
        if data.get("driver_x") and data.get("driver_x") == data.get("driver_y"):
            self.add_error("driver_y", _("Pick two different uncertainties."))
        return data


class ScenarioForm(VersionedForm):
    class Meta:
        model = Scenario
        fields = ["name", "story", "signposts", "implications"]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 4}),
            "signposts": forms.Textarea(attrs={"rows": 3}),
            "implications": forms.Textarea(attrs={"rows": 3}),
        }


class LikelihoodForm(forms.Form):
    """One percentage per scenario, for one date."""

    recorded_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, scenarios, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorded_on"].initial = timezone.localdate()
        self.scenarios = list(scenarios)
        for scenario in self.scenarios:
            self.fields[self.field_name(scenario)] = forms.IntegerField(
                label=scenario.name,
                min_value=0,
                max_value=100,
                initial=getattr(scenario, "latest", None),  # start from the last judgement
            )

    @staticmethod
    def field_name(scenario) -> str:
        """Named after the quadrant (e.g. "x_high_y_low"), so the form reads the same in any set."""
        return f"x_{scenario.x_pole}_y_{scenario.y_pole}"

    def percents(self) -> dict:
        return {s.pk: self.cleaned_data[self.field_name(s)] for s in self.scenarios}


class SignalForm(BoundedModelForm):
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Signal
        fields = ["observed_on", "kind", "title", "note", "url", "trend", "scenario"]
        widgets = {"observed_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, workspace, shown_choices=None, **kwargs):
        """`shown_choices`: the trends and scenarios the page has read already, as (id, label)
        pairs in the order the fields' querysets give them, shown without reading them again; a
        POST checks the querysets."""
        super().__init__(*args, **kwargs)
        self.fields["observed_on"].initial = timezone.localdate()
        self.fields["trend"].queryset = Trend.objects.filter(
            workspace=workspace, archived_at__isnull=True
        )
        self.fields["scenario"].queryset = scenario_choices(workspace)
        if shown_choices is not None:
            for name, rows in zip(("trend", "scenario"), shown_choices, strict=True):
                field = self.fields[name]
                field.widget.choices = [("", field.empty_label), *rows]


def scenario_choices(workspace):
    """The scenarios a signal can be a signpost of."""
    return Scenario.objects.filter(
        scenario_set__workspace=workspace, scenario_set__archived_at__isnull=True
    )


class BrainstormForm(BoundedModelForm):
    class Meta:
        model = Brainstorm
        fields = ["question", "plan"]

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(
            workspace=workspace, archived_at__isnull=True
        )


class IdeaForm(forms.Form):
    text = forms.CharField(label=_("Your idea"), max_length=300)
    anonymous = forms.BooleanField(label=_("Add it anonymously"), required=False)


class GroupForm(forms.Form):
    group = forms.CharField(label=_("Group"), max_length=80, required=False)


class ConvertForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Turn the idea into"),
        choices=[
            ("action", _("an action")),
            ("trend", _("a trend")),
            (SwotKind.OPPORTUNITY, _("an opportunity")),
            (SwotKind.RISK, _("a risk")),
        ],
        widget=forms.RadioSelect,
    )
    strategy = StrategyChoice(label=_("Strategy (for an action)"), queryset=None, required=False)
    category = forms.ChoiceField(
        label=_("Category (for a trend)"), choices=Category.choices, required=False
    )

    def __init__(self, *args, workspace, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        strategies = _strategies(workspace)
        self.fields["strategy"].queryset = strategies.filter(plan=plan) if plan else strategies

    def clean(self):
        data = super().clean()
        if data.get("target") == "action" and not data.get("strategy"):
            self.add_error("strategy", _("Choose the strategy the action belongs to."))
        return data
