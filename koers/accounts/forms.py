"""Forms for accounts: sign-up, login, workspace, invites, language."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from koers.accounts import services
from koers.accounts.models import Role, User, Workspace
from koers.lib.forms import VersionedForm
from koers.lib.numbers import BoundedModelForm


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ["username", "email", "first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email


def _clean_name(form) -> str:
    """The name as the rule takes it (`services.workspace_name`), its refusal on the field."""
    try:
        return services.workspace_name(form.cleaned_data["name"])
    except services.WorkspaceError as error:
        raise forms.ValidationError(str(error)) from error


class WorkspaceForm(BoundedModelForm):
    class Meta:
        model = Workspace
        fields = ["name"]

    clean_name = _clean_name


class WorkspaceSettingsForm(VersionedForm):
    """The workspace's name and time zone, with the version they were loaded at. Saved by
    `services.change_settings`, never by the form: give it a copy of the workspace as its
    instance, since validating writes the input onto the instance."""

    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=lambda: [(zone, zone) for zone in services.known_time_zones()],
        help_text=_(
            "Dates and times in this workspace are shown in it. Open invitations keep their"
            " last day."
        ),
    )

    class Meta:
        model = Workspace
        fields = ["name", "time_zone"]

    clean_name = _clean_name


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    # Optional: how the plan shows them until they join ("Anna (invited)" as an owner).
    name = forms.CharField(label=_("Name"), required=False, max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args, grantable=None, **kwargs):
        super().__init__(*args, **kwargs)
        if grantable is not None:
            choices = [(value, label) for value, label in Role.choices if value in grantable]
            self.fields["role"].choices = choices


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ProfileForm(BoundedModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email
