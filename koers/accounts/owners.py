"""Owner pickers that also offer people who are invited but have not joined yet.

A form whose model has `owner` and `pending_owner` (see koers.accounts.pending) derives from
`PendingOwnerMixin` and calls `offer_invitees(workspace)`: the owner select then lists the open
invitations under "Invited" ("Anna (invited)"); choosing one stores it as the pending owner and
leaves `owner` empty until they accept.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Invite
from koers.lib.ids import parse_id

PREFIX = "invite-"


def open_invites(workspace):
    return Invite.objects.filter(
        workspace=workspace,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("name", "email")


class OwnerChoiceField(forms.ModelChoiceField):
    """A member (the queryset) or an open invitation (`invites`, posted as "invite-<id>")."""

    invites = Invite.objects.none()

    def prepare_value(self, value):
        if isinstance(value, Invite):
            return f"{PREFIX}{value.pk}"
        return super().prepare_value(value)

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(PREFIX):
            pk = parse_id(value.removeprefix(PREFIX))
            invite = self.invites.filter(pk=pk).first() if pk is not None else None
            if invite is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            return invite
        return super().to_python(value)


class PendingOwnerMixin:
    """For a ModelForm with an `owner` field on a model with `pending_owner`."""

    def offer_invitees(self, workspace, people) -> None:
        old = self.fields["owner"]
        field = OwnerChoiceField(
            queryset=old.queryset,
            required=old.required,
            label=old.label,
            help_text=old.help_text,
            empty_label=old.empty_label,
        )
        field.label_from_instance = old.label_from_instance
        field.invites = open_invites(workspace)
        choice = field.iterator(field).choice
        # Rendered from `people` (shared by the form's pickers) and one query for invitations.
        field.choices = lambda: [
            *([("", field.empty_label)] if field.empty_label is not None else []),
            *(choice(user) for user in people),
            *self._invited_group(field.invites),
        ]
        self.fields["owner"] = field
        # "Invite someone…" beside the picker (shown to those who may invite): the members
        # page's invite form, which returns here (`next`).
        self.invite_link = reverse("accounts:members", args=[workspace.slug])
        instance = self.instance
        if instance.pending_owner_id and not instance.owner_id and not self.is_bound:
            self.initial["owner"] = instance.pending_owner

    @staticmethod
    def _invited_group(invites):
        invited = [(f"{PREFIX}{invite.pk}", invite.display_name) for invite in invites]
        return [(_("Invited, not joined yet"), invited)] if invited else []

    @property
    def edited_fields(self) -> list[str]:
        return [*super().edited_fields, "pending_owner"]

    def _post_clean(self):
        # The model's `owner` takes only members: an invitation chosen goes to `pending_owner`.
        chosen = self.cleaned_data.get("owner")
        if isinstance(chosen, Invite):
            self.cleaned_data["owner"], self.cleaned_data["pending_owner"] = None, chosen
        elif "owner" in self.cleaned_data:
            self.cleaned_data["pending_owner"] = None
        super()._post_clean()
        if "pending_owner" in self.cleaned_data:
            self.instance.pending_owner = self.cleaned_data["pending_owner"]
