from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from koers.api.models import Scope
from koers.api.tokens import EXPIRY_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("What the token is for, e.g. “BI export”.")
    )
    workspace = forms.ChoiceField(label=_("Workspace"))
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, initial=Scope.READ)
    days = forms.TypedChoiceField(label=_("Expires after"), coerce=int, initial=90)

    def __init__(self, *args, workspaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspaces = {w.slug: w for w in workspaces}
        self.fields["workspace"].choices = [(w.slug, w.name) for w in workspaces]
        # Worded here, in the reader's language (a lazy text formatted at import would not be).
        self.fields["days"].choices = [
            (d, gettext("%(days)s days") % {"days": d}) for d in EXPIRY_DAYS
        ]

    def clean_workspace(self):
        return self.workspaces[self.cleaned_data["workspace"]]
