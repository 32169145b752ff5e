"""Forms for accounts: sign-up, login, workspace, invites, language."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Role, User, Workspace
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


class WorkspaceForm(BoundedModelForm):
    class Meta:
        model = Workspace
        fields = ["name"]


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
