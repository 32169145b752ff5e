"""The analysis tools around the OGSM: business model, SWOT, trends, scenarios, signals, ideas.

They belong to a workspace (the organisation looks around once, for all its plans); scenario sets
and brainstorms may be tied to one plan. Nothing here is deleted: archived rows keep the history.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Workspace
from koers.actions.models import Action
from koers.plans.models import Plan, Strategy

USER = settings.AUTH_USER_MODEL
SCORE = [MinValueValidator(1), MaxValueValidator(5)]
SCORES = [(n, str(n)) for n in range(1, 6)]


class Archivable(models.Model):
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


# --- Business model ---------------------------------------------------------------------------


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


# --- Trends -----------------------------------------------------------------------------------


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


# --- Scenarios --------------------------------------------------------------------------------


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


# --- SWOT -------------------------------------------------------------------------------------


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
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.description


# --- Environment monitor ----------------------------------------------------------------------


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


# --- Brainstorm -------------------------------------------------------------------------------


class Brainstorm(Archivable):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="brainstorms")
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    question = models.CharField(_("question"), max_length=300)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["closed_at", "-created_at", "-pk"]

    def __str__(self):
        return self.question


class Idea(Archivable):
    brainstorm = models.ForeignKey(Brainstorm, on_delete=models.CASCADE, related_name="ideas")
    text = models.CharField(_("idea"), max_length=300)
    # An anonymous idea stores no author at all: anonymity that holds for admins too.
    author = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    group = models.CharField(_("group"), max_length=80, blank=True)
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    trend = models.ForeignKey(
        Trend, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    swot_item = models.ForeignKey(
        SwotItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class Vote(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="one_vote_per_idea")]

    def __str__(self):
        return f"{self.user} → {self.idea}"


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
