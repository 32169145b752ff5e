"""Scenario sets (two drivers, four futures) and the likelihoods recorded for them."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Workspace
from koers.analysis.models.base import USER, Archivable
from koers.analysis.models.trends import Trend
from koers.plans.models import Plan


class ScenarioSet(Archivable):
    """Two key uncertainties crossed into four futures."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="scenario_sets")
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    title = models.CharField(_("title"), max_length=200)
    driver_x = models.ForeignKey(
        Trend, on_delete=models.PROTECT, related_name="+", verbose_name=_("first uncertainty")
    )
    driver_y = models.ForeignKey(
        Trend, on_delete=models.PROTECT, related_name="+", verbose_name=_("second uncertainty")
    )
    x_low = models.CharField(_("first uncertainty, one end"), max_length=80)
    x_high = models.CharField(_("first uncertainty, other end"), max_length=80)
    y_low = models.CharField(_("second uncertainty, one end"), max_length=80)
    y_high = models.CharField(_("second uncertainty, other end"), max_length=80)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class Pole(models.TextChoices):
    LOW = "low", _("one end")
    HIGH = "high", _("other end")


class Scenario(models.Model):
    scenario_set = models.ForeignKey(
        ScenarioSet, on_delete=models.CASCADE, related_name="scenarios"
    )
    x_pole = models.CharField(max_length=4, choices=Pole.choices)
    y_pole = models.CharField(max_length=4, choices=Pole.choices)
    name = models.CharField(_("name"), max_length=120)
    story = models.TextField(_("story"), blank=True)
    signposts = models.TextField(
        _("signposts"), blank=True, help_text=_("What would tell us this future is coming?")
    )
    implications = models.TextField(_("implications for the plan"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        # Top row first (y high), then left to right (x low, x high): the 2×2 as drawn.
        ordering = ["y_pole", "-x_pole"]  # "high" sorts before "low"
        constraints = [
            models.UniqueConstraint(
                fields=["scenario_set", "x_pole", "y_pole"], name="one_scenario_per_quadrant"
            )
        ]

    def __str__(self):
        return self.name


class Likelihood(models.Model):
    """How likely the team judged a scenario on a date (recorded at steering and plan sessions)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="likelihoods")
    recorded_on = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(
        _("likelihood (%)"), validators=[MaxValueValidator(100)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["recorded_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "recorded_on"], name="one_estimate_a_day"),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="percent_max_100"),
        ]

    def __str__(self):
        return f"{self.scenario}: {self.percent} % ({self.recorded_on})"
