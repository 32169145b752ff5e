"""The SWOT: strengths, vulnerabilities, opportunities, risks, their decisions, and the
confrontation matrix."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Workspace
from koers.actions.models import Action
from koers.analysis.models.base import USER, Archivable
from koers.analysis.models.canvas import CanvasItem
from koers.analysis.models.scenarios import Scenario
from koers.analysis.models.trends import Trend
from koers.plans.models import PlanVersion, Strategy


class SwotKind(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    VULNERABILITY = "vulnerability", _("Vulnerability")
    OPPORTUNITY = "opportunity", _("Opportunity")
    RISK = "risk", _("Risk")


class Source(models.TextChoices):
    OWN = "own", _("Own observation")
    TREND = "trend", _("Trend")
    SCENARIO = "scenario", _("Scenario")
    BUSINESS_MODEL = "business_model", _("Business model")
    BRAINSTORM = "brainstorm", _("Brainstorm")


class Decision(models.TextChoices):
    OPEN = "open", _("Not decided yet")
    RESPOND = "respond", _("Respond")
    IGNORE = "ignore", _("Ignore for now")


class SwotItem(Archivable):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="swot_items")
    kind = models.CharField(_("kind"), max_length=16, choices=SwotKind.choices)
    description = models.CharField(_("description"), max_length=300)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default="own")
    trend = models.ForeignKey(
        Trend, on_delete=models.SET_NULL, null=True, blank=True, related_name="swot_items"
    )
    scenario = models.ForeignKey(
        Scenario, on_delete=models.SET_NULL, null=True, blank=True, related_name="swot_items"
    )
    canvas_item = models.OneToOneField(
        CanvasItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="swot_item"
    )
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, default=Decision.OPEN
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responding strategy"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responding action"),
    )
    # A response that is no strategy or action of a plan yet: the title of the strategy the
    # plan session added to the draft of the next version in response.
    response = models.CharField(_("response"), max_length=300, blank=True)
    # That strategy as the draft knows it (the draft and its key there, "n3"), until the draft
    # is activated: then `strategy` points at the strategy itself (koers.plans.awaiting).
    pending_draft = models.ForeignKey(
        PlanVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pending_key = models.CharField(max_length=12, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.description


class Confrontation(models.Model):
    """How strongly an internal factor (strength/vulnerability) meets an external one
    (opportunity/risk): the cells of the confrontation matrix."""

    class Score(models.IntegerChoices):
        NONE = 0, "·"
        SOME = 1, "+"
        STRONG = 2, "++"

    internal = models.ForeignKey(SwotItem, on_delete=models.CASCADE, related_name="+")
    external = models.ForeignKey(SwotItem, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(choices=Score.choices, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["internal", "external"], name="one_score_per_pair")
        ]

    def __str__(self):
        return f"{self.internal} × {self.external}: {self.score}"
