"""Trends in the environment, each scored (urgency, impact, unpredictability) over time."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Workspace
from koers.analysis.models.base import SCORE, SCORES, USER, Archivable


class Category(models.TextChoices):
    """DESTEP: the six directions a team scans its surroundings in."""

    DEMOGRAPHY = "demography", _("Demography")
    ECONOMY = "economy", _("Economy")
    SOCIAL = "social", _("Social and cultural")
    TECHNOLOGY = "technology", _("Technology")
    ECOLOGY = "ecology", _("Ecology")
    POLITICS = "politics", _("Politics and law")


class Trend(Archivable):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="trends")
    title = models.CharField(_("trend"), max_length=200)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), validators=SCORE, choices=SCORES, default=3
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), validators=SCORE, choices=SCORES, default=3
    )
    unpredictability = models.PositiveSmallIntegerField(
        _("unpredictability"), validators=SCORE, choices=SCORES, default=3
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-impact", "-urgency", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(urgency__range=(1, 5))
                & models.Q(impact__range=(1, 5))
                & models.Q(unpredictability__range=(1, 5)),
                name="trend_scores_1_to_5",
            )
        ]

    def __str__(self):
        return self.title


class TrendScore(models.Model):
    """A trend's three scores from a moment on: one row each time they change, written by
    `trends.record_scores`, so the plan session can show how a trend's weight moved."""

    trend = models.ForeignKey(Trend, on_delete=models.CASCADE, related_name="scores")
    recorded_at = models.DateTimeField(_("date"), default=timezone.now)
    urgency = models.PositiveSmallIntegerField(_("urgency"), validators=SCORE)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=SCORE)
    unpredictability = models.PositiveSmallIntegerField(_("unpredictability"), validators=SCORE)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.trend}: {self.urgency}/{self.impact}/{self.unpredictability}"
