"""Forms of the sessions."""

from django import forms
from django.core.validators import validate_email
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from koers.accounts.permissions import people_who_can
from koers.actions.forms import CloseForm
from koers.actions.models import Colour
from koers.lib.forms import MAX_VERSION, VersionedForm
from koers.lib.ids import MAX_ID
from koers.meetings.models import Cadence, EvaluationItem, Session, Topic, Verdict

__all__ = ["CloseForm"]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CadenceForm(VersionedForm):
    class Meta:
        model = Cadence
        fields = [
            "update_every_months",
            "update_minutes",
            "steering_every_months",
            "steering_minutes",
            "plan_minutes",
            "weekday",
            "week_of_month",
            "start_time",
            "place",
            "request_days_before",
            "reminder_days_before",
        ]
        widgets = {"start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    # The day by its name in the reader's language, not "0 is Monday".
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), choices=sorted(WEEKDAYS.items()), coerce=int, initial=1
    )

    def clean(self):
        data = super().clean()
        for name, low, high in [
            ("update_every_months", 1, 12),
            ("steering_every_months", 1, 12),
            ("week_of_month", 1, 5),
            ("request_days_before", 1, 30),
            ("reminder_days_before", 0, 30),
            # lengths a person could mean: up to a day, a plan session up to a working week
            ("update_minutes", 5, 24 * 60),
            ("steering_minutes", 5, 24 * 60),
            ("plan_minutes", 5, 5 * 24 * 60),
        ]:
            value = data.get(name)
            if value is not None and not low <= value <= high:
                self.add_error(
                    name,
                    _("Choose a number from %(low)s to %(high)s.") % {"low": low, "high": high},
                )
        request, reminder = data.get("request_days_before"), data.get("reminder_days_before")
        if request is not None and reminder is not None and reminder >= request:
            self.add_error(
                "reminder_days_before",
                _("The reminder must come after the request, so fewer days before."),
            )
        return data


FIRST_SESSION_YEAR, LAST_SESSION_YEAR = 2000, 2100


class SessionForm(VersionedForm):
    class Meta:
        model = Session
        fields = ["kind", "starts_at", "duration_minutes", "place"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def clean_starts_at(self):
        # A session is planned for a date someone means; far-off years also overflow the date
        # arithmetic of rounds and reminders (a year-1 date minus 30 days).
        starts = self.cleaned_data["starts_at"]
        if starts is not None and not FIRST_SESSION_YEAR <= starts.year <= LAST_SESSION_YEAR:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s.")
                % {"first": FIRST_SESSION_YEAR, "last": LAST_SESSION_YEAR}
            )
        return starts

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 15 <= minutes <= 60 * 24:
            raise forms.ValidationError(_("A session lasts between 15 minutes and 24 hours."))
        return minutes


class NoteForm(forms.Form):
    item_key = forms.CharField(widget=forms.HiddenInput, max_length=60)
    reasons = forms.CharField(
        label=_("Underlying reasons"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    remedy = forms.CharField(
        label=_("What we will do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AdjustForm(forms.Form):
    # The action's version when the session looked at it (koers.lib.versioning).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    owner = forms.ModelChoiceField(label=_("Owner"), required=False, queryset=None)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    colour = forms.ChoiceField(
        label=_("Colour"), required=False, choices=[("", _("unchanged")), *Colour.choices]
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_who_can(workspace)
        self.fields["owner"].label_from_instance = lambda user: user.display_name


class NewActionForm(forms.Form):
    strategy = forms.ModelChoiceField(label=_("Strategy"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("New action"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), required=False, queryset=None)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = plan.strategies.all()
        self.fields["owner"].queryset = people_who_can(plan.workspace)
        self.fields["owner"].label_from_instance = lambda user: user.display_name


class EvaluationForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices)
    text = forms.CharField(label=_("What"), max_length=300)
    # Editing an entry: the version it was loaded at (koers.lib.versioning); adding ignores it.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ReviewForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    review = forms.ChoiceField(choices=EvaluationItem.Review.choices)


class FollowupForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 14}))
    recipients = forms.CharField(
        label=_("Send to"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E-mail addresses of stakeholders, separated by commas or new lines."),
    )

    def clean_subject(self):
        # A line break in a mail subject would start a new mail header.
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("Write the subject on one line."))
        return subject

    def clean_recipients(self):
        raw = self.cleaned_data["recipients"].replace(",", "\n").split()
        for address in raw:
            try:
                validate_email(address)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("“%(address)s” is not an e-mail address.") % {"address": address}
                ) from error
        return raw


class OgsmChangeForm(forms.Form):
    """The steering session's "Must the OGSM change?"."""

    answer = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])
    proposals = forms.CharField(
        label=_("What must change (proposals)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DraftStepForm(forms.Form):
    """Which edit of the draft a plan-session step makes; the item's own fields are checked
    by the plan editor's form (plans.forms.draft_item_form)."""

    op = forms.ChoiceField(choices=[("edit", "edit"), ("add", "add"), ("remove", "remove")])
    kind = forms.ChoiceField(
        choices=[("goal", "goal"), ("strategy", "strategy"), ("measure", "measure")]
    )
    key = forms.SlugField(max_length=20, required=False)
    parent = forms.SlugField(max_length=20, required=False)
    draft_version = forms.IntegerField(min_value=0, max_value=MAX_VERSION)


class ActivateForm(forms.Form):
    reason = forms.CharField(label=_("Why this version replaces the current one"), max_length=300)
    draft_version = forms.IntegerField(min_value=0, max_value=MAX_VERSION, widget=forms.HiddenInput)
