"""Users, workspaces (a team or organisation), their memberships with a role, and invites."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Language(models.TextChoices):
        BROWSER = "", _("Browser language")
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, blank=True, default=""
    )

    class Meta:
        constraints = [
            # Login accepts an e-mail address, so two accounts may never share one.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                condition=~models.Q(email=""),
                violation_error_message=_("An account with this e-mail address already exists."),
            )
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    """The method's roles; see METHOD.md "Roles"."""

    OGSM_OWNER = "ogsm_owner", _("OGSM owner")
    PROCESS_OWNER = "process_owner", _("Process owner")
    MEMBER = "member", _("Member")
    VIEWER = "viewer", _("Viewer")


# One sentence per role, shown where a role is chosen (the invite form, the members page), so
# whoever hands out a role knows what it allows; kept in step with permissions.ROLE_CAPABILITIES.
ROLE_EXPLAINED = {
    Role.OGSM_OWNER: _(
        "Owns the plan: writes the objective, goals, strategies and measures, manages the team"
        " and everything else."
    ),
    Role.PROCESS_OWNER: _(
        "Keeps the plan moving: manages actions, runs the sessions, enters figures and invites"
        " people; does not change the OGSM itself."
    ),
    Role.MEMBER: _(
        "Works on the plan: updates their own actions, proposes new ones and enters figures."
    ),
    Role.VIEWER: _("Reads everything and changes nothing."),
}


def roles_explained() -> list[tuple[str, str]]:
    """(name, sentence) of every role, in the order they are offered."""
    return [(label, ROLE_EXPLAINED[value]) for value, label in Role.choices]


class Workspace(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Amsterdam")
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every change to what the workspace's pages show: its plans and everything in
    # them, its analysis tools, its members and their names (koers.accounts.revision). Kept in
    # the database, not the cache, so every server process sees the same value.
    revision = models.PositiveIntegerField(default=1, editable=False)
    # The settings page's optimistic check (koers.lib.versioning): raised by every change of the
    # settings (the rules in koers.accounts.services, the admin), unlike `revision`, which every
    # write inside the workspace moves and would make every open settings form a conflict.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self) -> str:
        return self.name


class PlanRevision(models.Model):
    """A plan's own revision per area (the model of the rows written: "plans.plan",
    "actions.action", …): bumped with its workspace's by every change to the plan's row or to a row
    belonging to it (koers.accounts.revision), so what is computed from one plan's rows of some
    models alone can be kept under their revisions (koers.dashboard.per_plan). Written only by
    that SQL; `plan_id` is no foreign key, so the row is nobody's content (never exported, never
    saved back stale with a plan) and outlives a deleted plan harmlessly (ids are never
    reused). No row yet: revision 0."""

    plan_id = models.BigIntegerField()
    area = models.CharField(max_length=40)
    revision = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan_id", "area"], name="one_revision_per_plan_area")
        ]

    def __str__(self) -> str:
        return f"plan {self.plan_id} {self.area}: {self.revision}"


class Membership(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="membership_unique")
        ]
        ordering = ["workspace", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.workspace} ({self.role})"


class Invite(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invites")
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invite")
        verbose_name_plural = _("invites")

    def __str__(self) -> str:
        return f"{self.email} → {self.workspace}"

    @property
    def display_name(self) -> str:
        """How an invited person is shown before they join, e.g. as an owner: "Anna (invited)";
        an invitation that lapsed says so, so nobody waits for someone who cannot join."""
        name = self.name or self.email
        if self.revoked_at is None and self.accepted_at is None and not self.is_open:
            return _("%(name)s (invitation expired)") % {"name": name}
        return _("%(name)s (invited)") % {"name": name}

    @property
    def last_day(self):
        """The last day it can be accepted, in the active time zone: it lapses as that day ends
        (koers.accounts.services.invite_expiry)."""
        return timezone.localtime(self.expires_at - timedelta(microseconds=1)).date()

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class LoginSession(AbstractBaseSession):
    """A browser's login session, with the user it belongs to as a column of its own.

    Every request reads its session and then its user; with the user's id beside the session
    data, one query reads both (koers.accounts.sessions). It also makes a user's sessions easy
    to find: deleting the account ends them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "accounts_login_session"

    @classmethod
    def get_session_store_class(cls):
        from koers.accounts.sessions import SessionStore

        return SessionStore


class PasswordResetRequest(models.Model):
    """A password-reset mail sent, kept for an hour to throttle them (accounts/throttle.py).

    Kept in the database rather than the per-process cache so every server worker counts the
    same requests."""

    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.CharField(max_length=45, db_index=True)
    requested_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.email} from {self.ip_address} at {self.requested_at}"


def pending_owner_field():
    """An item's owner while that person is still invited (koers.accounts.pending finds the
    models with this field; accepting the invitation hands the item over)."""
    return models.ForeignKey(
        "accounts.Invite",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited owner"),
    )


class OwnerLabel:
    """For a model with `owner` and `pending_owner`: the owner as shown, a member's name or an
    invited person's ("Anna (invited)")."""

    @property
    def owner_label(self) -> str:
        if self.owner_id:
            return self.owner.display_name
        if self.pending_owner_id:
            return self.pending_owner.display_name
        return ""
