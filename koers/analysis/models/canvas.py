"""The business model canvas: its items per block, and saved versions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Workspace
from koers.analysis.models.base import USER, Archivable


class Block(models.TextChoices):
    """The nine blocks of the business model canvas, in the canvas's reading order."""

    KEY_PARTNERS = "key_partners", _("Key partners")
    KEY_ACTIVITIES = "key_activities", _("Key activities")
    KEY_RESOURCES = "key_resources", _("Key resources")
    VALUE_PROPOSITIONS = "value_propositions", _("Value propositions")
    CUSTOMER_RELATIONSHIPS = "customer_relationships", _("Customer relationships")
    CHANNELS = "channels", _("Channels")
    CUSTOMER_SEGMENTS = "customer_segments", _("Customer segments")
    COST_STRUCTURE = "cost_structure", _("Cost structure")
    REVENUE_STREAMS = "revenue_streams", _("Revenue streams")


class Mark(models.TextChoices):
    NONE = "", _("Not marked")
    STRENGTH = "strength", _("Strength")
    VULNERABILITY = "vulnerability", _("Vulnerability")


class CanvasItem(Archivable):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="canvas_items")
    block = models.CharField(_("block"), max_length=32, choices=Block.choices)
    text = models.CharField(_("item"), max_length=300)
    mark = models.CharField(_("mark"), max_length=16, choices=Mark.choices, blank=True)
    why = models.CharField(_("why"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["block", "position", "pk"]

    def __str__(self):
        return self.text


class CanvasVersion(models.Model):
    """A dated snapshot of the canvas, compared later to see what shifted."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="canvas_versions"
    )
    label = models.CharField(_("label"), max_length=120)
    saved_at = models.DateTimeField(auto_now_add=True)
    saved_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    items = models.JSONField(default=list)  # [{"id", "block", "text", "mark", "why"}]

    class Meta:
        ordering = ["-saved_at", "-pk"]

    def __str__(self):
        return self.label
