"""The OGSM plan: one Objective, Goals, Strategies and per strategy its Measures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import OwnerLabel, Role, Workspace, pending_owner_field


class Live(models.Manager):
    """The default manager of plan content: only what has not been retired.

    Reverse relations and prefetches (plan.goals, strategy.measures, plan.kpis) use the default
    manager, so every page of the active plan leaves retired items out without each query
    remembering to; a foreign key to a retired item (action.strategy) still reaches it, because
    Django follows foreign keys with the unfiltered base manager. `all_objects` sees everything.
    """

    def get_queryset(self):
        return super().get_queryset().filter(retired_at__isnull=True)


class Retirable(models.Model):
    """Plan content that has gathered history is retired, never deleted (koers.plans.versions)."""

    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True, editable=False)
    retired_reason = models.CharField(_("reason"), max_length=300, blank=True, editable=False)

    objects = Live()
    all_objects = models.Manager()  # noqa: DJ012 - a manager, not a field

    class Meta:
        abstract = True


class Plan(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="plans")
    name = models.CharField(_("name"), max_length=160)
    period = models.CharField(_("period"), max_length=40, help_text=_("For example 2027."))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    description = models.TextField(_("description"), blank=True)
    objective = models.TextField(
        _("objective"),
        blank=True,
        help_text=_("The ambition in words: a few sentences that say where you are heading."),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # The number of the active version (PlanVersion); on the row so the plan page, which
    # shows it, costs no extra query.
    current_version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("OGSM plan")
        verbose_name_plural = _("OGSM plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="plan_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period})"


class Goal(Retirable):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("title"), max_length=200)
    measured_by = models.CharField(
        _("how it is measured"),
        max_length=300,
        blank=True,
        help_text=_("The indicator that shows the goal is reached."),
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("unit"), max_length=30, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class Strategy(OwnerLabel, Retirable):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strategies")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_strategies",
        verbose_name=_("owner"),
    )
    # Owners before they join: an invited person chosen as owner; accepting the invitation
    # makes them the owner (koers.accounts.pending), withdrawing it leaves the item unowned.
    pending_owner = pending_owner_field()
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.title


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Measure(Retirable):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.name


class PlanVersion(models.Model):
    """One numbered version of a plan's OGSM content (see koers.plans.versions).

    The live Goal/Strategy/Measure rows are the active version: actions, updates and figures hang
    on them and keep their identity from version to version. An activated version's `content` is
    a snapshot of those rows (frozen when the next version replaces it); a draft's `content` is
    its working copy, edited without touching the live rows, and `base` what it started from.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        SUPERSEDED = "superseded", _("Earlier version")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    content = models.JSONField(default=dict)
    base = models.JSONField(default=dict)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_version_per_number"),
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(status="draft"), name="one_draft_per_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class PlanRole(models.Model):
    """A member's role on one plan, in place of their workspace role (koers.plans.roles).

    Workspace roles stay the default; a plan role overrides it for this plan only, both ways:
    a department head may own the department's plan while only reading the organisation's.
    Rights that are not about one plan (inviting, the analysis tools, webhooks) keep following
    the workspace role. Only members of the plan's workspace can hold one.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_roles"
    )
    role = models.CharField(_("role on this plan"), max_length=20, choices=Role.choices)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "role", "user"]
        verbose_name = _("plan role")
        verbose_name_plural = _("plan roles")
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="one_role_per_plan_and_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.plan}: {self.role}"


class PlanLink(models.Model):
    """A cascaded plan serves one item of a plan above it: a strategy (usually) or a goal.

    The child's objective shows the item it serves; a plan may serve several items, of one or
    more parents, and the links never form a cycle (koers.plans.cascade). `seen_version` is the
    parent plan's version the child last acknowledged, so a later version that changed the item
    shows on the child until someone marks it seen.
    """

    child = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="serves")
    parent_strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="served_by",
        verbose_name=_("strategy it serves"),
    )
    parent_goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="served_by",
        verbose_name=_("goal it serves"),
    )
    seen_version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["child", "pk"]
        verbose_name = _("plan link")
        verbose_name_plural = _("plan links")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(parent_strategy__isnull=False, parent_goal__isnull=True)
                    | models.Q(parent_strategy__isnull=True, parent_goal__isnull=False)
                ),
                name="plan_link_serves_one_item",
            ),
            models.UniqueConstraint(
                fields=["child", "parent_strategy"],
                condition=models.Q(parent_strategy__isnull=False),
                name="plan_link_once_per_strategy",
            ),
            models.UniqueConstraint(
                fields=["child", "parent_goal"],
                condition=models.Q(parent_goal__isnull=False),
                name="plan_link_once_per_goal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} serves {self.parent_strategy or self.parent_goal}"

    @property
    def parent_item(self):
        return self.parent_strategy or self.parent_goal
