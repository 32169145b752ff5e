"""Forms of the action plan. Rules live in rules.py; these only parse and validate input."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.accounts.owners import PendingOwnerMixin
from koers.actions.models import COLOUR_MEANINGS, Action, Colour, DoneCriterion, Status
from koers.actions.rules import dates_problem
from koers.lib.choices import offer
from koers.lib.forms import VersionedForm
from koers.plans.models import Strategy
from koers.plans.roles import people_on_plan


def _people_field(field, plan, besides=None):
    """Who can act on this plan: their role on it counts (koers.plans.roles)."""
    field.queryset = people_on_plan(plan, besides=besides)
    field.label_from_instance = lambda user: user.display_name


class ActionForm(PendingOwnerMixin, VersionedForm):
    class Meta:
        model = Action
        fields = [
            "strategy",
            "title",
            "description",
            "owner",
            "co_owners",
            "start_date",
            "due_date",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "co_owners": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        # The plan's living strategies, and the action's own even when it has been retired, so
        # the action stays editable (its strategy cannot be "not a valid choice").
        strategies = Strategy.all_objects.filter(
            Q(plan=plan, retired_at__isnull=True) | Q(pk=self.instance.strategy_id)
        ).order_by("position", "pk")
        self.fields["strategy"].queryset = strategies
        self.fields["strategy"].empty_label = None
        offer(self.fields["strategy"], strategies)
        people = people_on_plan(plan)
        for name in ("owner", "co_owners"):
            _people_field(self.fields[name], plan)
            offer(self.fields[name], people)
        self.offer_invitees(plan.workspace, people)  # owners before they join

    @property
    def edited_fields(self) -> list[str]:
        return [name for name in self._meta.fields if name != "co_owners"] + ["pending_owner"]

    def clean(self):
        data = super().clean()
        problem = dates_problem(data.get("start_date"), data.get("due_date"))
        if problem:
            self.add_error("due_date", problem)
        return data


class UpdateForm(forms.Form):
    did = forms.CharField(
        label=_("What did you do?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next = forms.CharField(
        label=_("What will you do next period?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    need = forms.CharField(
        label=_("What do you need from the team?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    need_from = forms.ModelChoiceField(
        label=_("Ask this of"),
        required=False,
        queryset=None,
        help_text=_("They see it as an open request until they mark it answered."),
    )
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    colour = forms.ChoiceField(label=_("Colour"), choices=Colour.choices, widget=forms.RadioSelect)

    def __init__(self, *args, plan, asker, **kwargs):
        super().__init__(*args, **kwargs)
        _people_field(self.fields["need_from"], plan, besides=asker)
        self.colour_meanings = [
            (value, label, COLOUR_MEANINGS[value]) for value, label in Colour.choices
        ]

    def clean(self):
        data = super().clean()
        if not any((data.get(k) or "").strip() for k in ("did", "next", "need")):
            raise forms.ValidationError(
                _("Say at least what you did, what comes next or what you need.")
            )
        if data.get("need_from") and not (data.get("need") or "").strip():
            self.add_error("need", _("Say what you need before naming who you need it from."))
        return data


class StrategyUpdateForm(forms.Form):
    did = forms.CharField(
        label=_("What happened?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next = forms.CharField(
        label=_("What comes next?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    need = forms.CharField(
        label=_("What does the strategy need?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    colour = forms.ChoiceField(label=_("Colour"), choices=Colour.choices, widget=forms.RadioSelect)

    def clean(self):
        data = super().clean()
        if not any((data.get(k) or "").strip() for k in ("did", "next", "need")):
            raise forms.ValidationError(
                _("Say at least what happened, what comes next or what is needed.")
            )
        return data


class CloseForm(forms.Form):
    criterion = forms.ChoiceField(
        label=_("Why is it done?"), choices=DoneCriterion.choices, widget=forms.RadioSelect
    )
    process = forms.CharField(
        label=_("Which daily process carries it on?"), required=False, max_length=200
    )
    carried_by = forms.ModelChoiceField(
        label=_("Who carries it on?"), required=False, queryset=None
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        _people_field(self.fields["carried_by"], plan)

    def clean(self):
        data = super().clean()
        if data.get("criterion") == DoneCriterion.EMBEDDED:
            if not (data.get("process") or "").strip():
                self.add_error("process", _("Name the process that carries the follow-up."))
            if not data.get("carried_by"):
                self.add_error("carried_by", _("Choose who carries the follow-up on."))
        return data


class FilterForm(forms.Form):
    strategy = forms.TypedChoiceField(
        label=_("Strategy"), required=False, coerce=int, empty_value=None
    )
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )
    colour = forms.ChoiceField(
        label=_("Colour"), required=False, choices=[("", _("Any colour")), *Colour.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    stale_weeks = forms.TypedChoiceField(
        label=_("No update for"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (2, _("2 weeks")), (4, _("4 weeks")), (8, _("8 weeks"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("plan", _("Plan order")),
            ("colour", _("Colour (red first)")),
            ("due", _("Due date")),
            ("updated", _("Oldest update first")),
            ("progress", _("Progress")),
        ],
    )

    def __init__(self, *args, strategies, people, **kwargs):
        """`strategies`: (id, title) rows; `people`: (id, first name, last name, username)
        rows, shown as `User.display_name` shows them (no instances: a plan has hundreds)."""
        super().__init__(*args, **kwargs)
        # Choices as callables over querysets: they are read only when the form is shown or a
        # chosen strategy or owner is checked, so an htmx filter on colour costs no query.
        self.fields["strategy"].choices = lambda: [("", _("All strategies")), *strategies]
        self.fields["owner"].choices = lambda: (
            [("", _("Anyone"))]
            + [(pk, f"{first} {last}".strip() or name) for pk, first, last, name in people]
        )


class DefinitionOfDoneForm(VersionedForm):
    class Meta:
        from koers.actions.models import DefinitionOfDone

        model = DefinitionOfDone
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
