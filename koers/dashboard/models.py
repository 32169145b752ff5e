"""KPIs: every goal and every strategy measure, with targets per period and measurements."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import pending_owner_field
from koers.plans.models import Goal, Measure, Plan, Retirable


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    RANGE = "range", _("Within a range")


class RollUp(models.TextChoices):
    """How a KPI fed by KPIs of the plans below combines their figures per period
    (koers.dashboard.rollup); blank: its figures are entered by hand."""

    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")
    MEDIAN = "median", _("Median")
    LAST = "last", _("Last value entered")


class Kpi(Retirable):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="kpis")
    goal = models.OneToOneField(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="kpi"
    )
    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="kpi"
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    range_min = models.DecimalField(
        _("lowest good value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    range_max = models.DecimalField(
        _("highest good value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("end target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_date = models.DateField(_("end target date"), null=True, blank=True)
    frequency = models.CharField(
        _("measured"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    tolerance_pct = models.PositiveSmallIntegerField(
        _("tolerance (%)"),
        default=10,
        help_text=_("How far from the target still counts as “at risk” instead of “off track”."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enters the figures"),
    )
    # An invited person chosen to enter the figures, until they join (koers.accounts.pending).
    pending_owner = pending_owner_field()
    # Figures fetched from a CSV or Excel file at a URL (koers.reports.feeds); the OGSM owner
    # enters the URL, the task worker fetches it and records how the last fetch went.
    feed_url = models.URLField(_("file with figures at a URL"), max_length=500, blank=True)
    feed_every_hours = models.PositiveSmallIntegerField(_("fetch every (hours)"), default=24)
    feed_fetched_at = models.DateTimeField(null=True, blank=True)
    feed_ok = models.BooleanField(null=True)
    feed_message = models.CharField(max_length=1000, blank=True)
    # Filled from KPIs of the plans below (KpiSource, koers.dashboard.rollup); blank: by hand.
    roll_up = models.CharField(
        _("filled from the plans below"), max_length=8, choices=RollUp.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(goal__isnull=False) & models.Q(measure__isnull=True))
                | (models.Q(goal__isnull=True) & models.Q(measure__isnull=False)),
                name="kpi_is_a_goal_or_a_measure",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.goal.title if self.goal_id else self.measure.name


class KpiTarget(models.Model):
    """A milestone: the target for one period (otherwise interpolated to the end target)."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets")
    period = models.DateField(_("period"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period"], name="one_target_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period}: {self.value}"


class KpiSource(models.Model):
    """A KPI of a plan below (`source`) that feeds `kpi`, which combines its sources' figures
    per period as its `roll_up` says. Sources are chosen on the KPI's roll-up page; the KPI's
    `version` guards the choice (koers.dashboard.rollup.set_roll_up)."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="sources")
    source = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="feeds")

    class Meta:
        ordering = ["kpi", "pk"]
        verbose_name = _("KPI source")
        verbose_name_plural = _("KPI sources")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "source"], name="one_source_once_per_kpi")
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.kpi}"


class Measurement(models.Model):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="measurements")
    period = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)
    # A figure of a fed KPI (koers.dashboard.rollup): how many of its sources had a figure for
    # the period, of how many. Empty for figures entered by hand.
    sources_present = models.PositiveSmallIntegerField(null=True, blank=True)
    sources_total = models.PositiveSmallIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period"], name="one_measurement_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period}: {self.value}"

    @property
    def incomplete(self) -> bool:
        """A rolled-up figure for which some sources had no figure yet."""
        return self.sources_total is not None and self.sources_present < self.sources_total
