"""The environment monitor: signals the team notices."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Workspace
from koers.analysis.models.base import USER, Archivable
from koers.analysis.models.scenarios import Scenario
from koers.analysis.models.trends import Trend


class SignalKind(models.TextChoices):
    NEWS = "news", _("News item")
    FIGURE = "figure", _("Figure")
    OBSERVATION = "observation", _("Observation")


class Signal(Archivable):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="signals")
    observed_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=SignalKind.choices)
    title = models.CharField(_("what happened"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    trend = models.ForeignKey(
        Trend,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("trend"),
    )
    scenario = models.ForeignKey(
        Scenario,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("signpost of scenario"),
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-observed_on", "-pk"]

    def __str__(self):
        return self.title
