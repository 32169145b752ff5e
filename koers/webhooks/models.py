"""Webhook endpoints of a workspace, the events they hear, and the log of every delivery."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Workspace


class Event(models.TextChoices):
    UPDATE_POSTED = "update_posted", _("An update is posted")
    ACTION_CHANGED = "action_changed", _("An action's colour or status changes")
    REQUEST_ASKED = "request_asked", _("A request is addressed to someone")
    REQUEST_ANSWERED = "request_answered", _("A request is marked answered")
    SESSION_ENDED = "session_ended", _("A session ends (with its minutes)")
    # Sent once plans have versions; the name is fixed so receivers can be ready for it.
    VERSION_ACTIVATED = "version_activated", _("A new plan version is activated")


class Format(models.TextChoices):
    JSON = "json", _("Koers JSON (signed)")
    SLACK = "slack", "Slack"
    TEAMS = "teams", "Microsoft Teams"
    MATTERMOST = "mattermost", "Mattermost"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Endpoint(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("address (URL)"), max_length=500)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    events = models.JSONField(_("events"), default=list)
    language = models.CharField(
        _("language of the messages"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    # Kept readable: signing needs it, and the OGSM owner copies it into the receiver.
    secret = models.CharField(max_length=64, default=new_secret)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url

    @property
    def event_labels(self) -> list[str]:
        return [label for value, label in Event.choices if value in self.events]


class Delivery(models.Model):
    """One event for one endpoint. Written with bulk_create and update(): a delivery is no
    content of the workspace's pages, so it must not empty their cache."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RETRYING = "retrying", _("Will try again")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=20)
    body = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["endpoint", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"
