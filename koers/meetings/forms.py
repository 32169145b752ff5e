"""Forms of the sessions."""

import itertools
from datetime import date

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from koers.actions.forms import CloseForm
from koers.actions.models import Colour
from koers.dashboard.models import KpiTarget
from koers.lib.forms import MAX_VERSION, VersionedForm
from koers.lib.ids import MAX_ID
from koers.lib.numbers import bounded_formfield
from koers.meetings.models import (
    Cadence,
    EvaluationItem,
    Kind,
    NotificationSettings,
    Session,
    Topic,
    Verdict,
)
from koers.plans.roles import people_on_plan

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

    # A plan session spans 2 to 5 half-days (METHOD.md): the first is `starts_at`, these the rest.
    MORE_DAYS = ["day_2", "day_3", "day_4", "day_5"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"].help_text = _(
            "For a session of several days: the length of each day."
        )
        for number, name in enumerate(self.MORE_DAYS, start=2):
            self.fields[name] = forms.DateField(
                label=_("Day %(n)s") % {"n": number}, required=False, widget=DATE
            )
        for name, day in zip(self.MORE_DAYS, self.instance.more_dates, strict=False):
            self.initial[name] = day

    @property
    def edited_fields(self) -> list[str]:
        return [*super().edited_fields, "more_days"]

    def clean(self):
        data = super().clean()
        days = [data.get(name) for name in self.MORE_DAYS]
        filled = [day for day in days if day is not None]
        if not filled:
            self.instance.more_days = []
            return data
        if data.get("kind") != Kind.PLAN:
            raise forms.ValidationError(_("Only a plan session spans several days."))
        if days[: len(filled)] != filled:
            raise forms.ValidationError(_("Fill in the further days in order, without gaps."))
        for day in filled:
            if not FIRST_SESSION_YEAR <= day.year <= LAST_SESSION_YEAR:
                raise forms.ValidationError(
                    _("Choose a date between %(first)s and %(last)s.")
                    % {"first": FIRST_SESSION_YEAR, "last": LAST_SESSION_YEAR}
                )
        starts = data.get("starts_at")
        first = timezone.localtime(starts).date() if starts else None
        earlier = [first, *filled]
        if first is not None and any(a >= b for a, b in itertools.pairwise(earlier)):
            raise forms.ValidationError(
                _("Each further day comes after the day before it, from the first day on.")
            )
        self.instance.more_days = [day.isoformat() for day in filled]
        return data


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

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_on_plan(plan)
        self.fields["owner"].label_from_instance = lambda user: user.display_name


class NewActionForm(forms.Form):
    strategy = forms.ModelChoiceField(label=_("Strategy"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("New action"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), required=False, queryset=None)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = plan.strategies.all()
        self.fields["owner"].queryset = people_on_plan(plan)
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


class ActionVersionForm(forms.Form):
    """A session decision on one action: the action's version when the session looked at it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_VERSION)


class PriorityMoveForm(ActionVersionForm):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class AcceptProposalForm(ActionVersionForm):
    # An accepted action is a real one: someone carries it, by a date.
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_on_plan(plan)
        self.fields["owner"].label_from_instance = lambda user: user.display_name

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if not FIRST_SESSION_YEAR <= due.year <= LAST_SESSION_YEAR:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s.")
                % {"first": FIRST_SESSION_YEAR, "last": LAST_SESSION_YEAR}
            )
        return due


class RejectProposalForm(ActionVersionForm):
    reason = forms.CharField(label=_("Why not"), max_length=500)


class NotificationSettingsForm(VersionedForm):
    class Meta:
        model = NotificationSettings
        fields = ["update_requests", "preread", "digest"]
        help_texts = {
            "update_requests": _(
                "Before each session: what the session asks of you, with your personal link."
            ),
            "preread": _("All updates together, to read before the session."),
            "digest": _(
                "Once a week, only when there is something: what is asked of you, requests "
                "for you, and your actions that have gone quiet."
            ),
        }


RESPONSE_PATTERN = r"^(new-strategy|new-action|[sa][0-9]{1,18})$"


class SwotStepForm(forms.Form):
    """The plan session's decision on one SWOT item. What we respond with is an existing
    strategy ("s12") or action ("a34") of the plan, or a new one ("new-strategy", into the draft
    of the next version; "new-action", at once); the view finds and checks it."""

    item = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_VERSION)
    draft_version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=MAX_VERSION, required=False
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("respond", _("Respond")), ("ignore", _("Ignore for now"))],
        widget=forms.RadioSelect,
    )
    response = forms.RegexField(
        label=_("Respond with"), regex=RESPONSE_PATTERN, required=False, widget=forms.Select
    )
    title = forms.CharField(
        label=_("Title of the new strategy or action"), max_length=200, required=False
    )
    strategy = forms.RegexField(
        label=_("Strategy of the new action"),
        regex=r"^[0-9]{1,18}$",
        required=False,
        widget=forms.Select,
    )
    reason = forms.CharField(label=_("Why ignore it for now?"), max_length=300, required=False)

    def __init__(self, *args, responses=(), strategies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].widget.choices = responses
        self.fields["strategy"].widget.choices = strategies

    def clean(self):
        data = super().clean()
        respond = data.get("decision") == "respond"
        if respond and not data.get("response"):
            self.add_error("response", _("Choose what we respond with."))
        if respond and data.get("response", "").startswith("new-") and not data.get("title"):
            self.add_error("title", _("Give the new strategy or action a title."))
        if data.get("decision") == "ignore" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why it can be ignored for now."))
        return data


class MilestoneStepForm(forms.Form):
    """A KPI's milestone set, changed or (left empty) removed in the plan session; `seen` is
    what the session saw of the KPI's milestones (dashboard.services.milestones_seen)."""

    kpi = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    seen = forms.CharField(widget=forms.HiddenInput, max_length=16)
    period = forms.CharField(label=_("Period"), widget=forms.TextInput(attrs={"type": "month"}))
    value = bounded_formfield(
        KpiTarget._meta.get_field("value"),
        label=_("Milestone"),
        required=False,
        help_text=_("Empty removes the milestone of that period."),
    )

    def clean_period(self):
        raw = self.cleaned_data["period"]
        try:
            period = date(int(raw[:4]), int(raw[5:7]), 1)
        except ValueError as error:
            raise forms.ValidationError(_("Choose a month.")) from error
        if not FIRST_SESSION_YEAR <= period.year <= LAST_SESSION_YEAR:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s.")
                % {"first": FIRST_SESSION_YEAR, "last": LAST_SESSION_YEAR}
            )
        return period
