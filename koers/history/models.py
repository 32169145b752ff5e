"""The change log: one append-only row per changed field of anything in a workspace."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """History rows are written once and never changed or removed."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("history rows cannot be updated")

    def delete(self):
        raise AppendOnly("history rows cannot be deleted")

    def _raw_delete(self, using):
        raise AppendOnly("history rows cannot be deleted")


class Event(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    DELETED = "deleted", _("Deleted")


class Change(models.Model):
    """Who changed what, when, from where: `field` went from `old` to `new`.

    No foreign keys on purpose: a row must outlive the object, its workspace's other rows and
    the person, and a cascade or SET_NULL would have to rewrite it. Ids are kept as numbers and
    names as text, as they were at the moment of the change.
    """

    at = models.DateTimeField(_("when"), default=timezone.now)
    workspace_id = models.BigIntegerField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(_("who"), max_length=200, blank=True)
    source = models.CharField(_("from"), max_length=120, blank=True)
    source_path = models.CharField(max_length=300, blank=True)
    session_id = models.BigIntegerField(null=True, blank=True)
    kind = models.CharField(_("object kind"), max_length=60)
    object_id = models.BigIntegerField()
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    event = models.CharField(_("event"), max_length=10, choices=Event.choices)
    field = models.CharField(_("field"), max_length=60, blank=True)
    old = models.TextField(_("old value"), blank=True)
    new = models.TextField(_("new value"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [
            models.Index(fields=["workspace_id", "at"], name="history_workspace_at"),
            models.Index(fields=["kind", "object_id"], name="history_object"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.field}: {self.old} → {self.new}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("history rows cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("history rows cannot be deleted")
