from django import forms
from django.utils.translation import gettext_lazy as _

from koers.webhooks.delivery import UnsafeUrl, check_url
from koers.webhooks.models import Endpoint, Event, Format


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The incoming-webhook address your chat tool or receiver gave you."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, initial=Format.SLACK)
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Endpoint
        fields = ["url", "format", "events", "language"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check_url(url)
        except UnsafeUrl as error:
            raise forms.ValidationError(str(error)) from error
        return url
