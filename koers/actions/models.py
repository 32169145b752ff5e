"""The action plan under the OGSM: actions, their structured updates, and strategy updates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import OwnerLabel, pending_owner_field
from koers.plans.models import Plan, Strategy

USER = settings.AUTH_USER_MODEL


class Status(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Colour(models.TextChoices):
    """The method's traffic light; see METHOD.md "An action update"."""

    GREEN = "green", _("Green")
    ORANGE = "orange", _("Orange")
    RED = "red", _("Red")


# Worst first: how every list, agenda and health check orders the traffic light.
COLOUR_SEVERITY = {Colour.RED: 0, Colour.ORANGE: 1, Colour.GREEN: 2}
NO_COLOUR_SEVERITY = 3  # no colour given: the least pressing
# Colours that ask a session's attention ("push it back on track").
WARNING_COLOURS = frozenset({Colour.RED, Colour.ORANGE})


def colour_severity(colour) -> int:
    return COLOUR_SEVERITY.get(colour, NO_COLOUR_SEVERITY)


COLOUR_MEANINGS = {
    Colour.GREEN: _("On plan in content and schedule."),
    Colour.ORANGE: _("Off plan, but the delay can still be made up."),
    Colour.RED: _("Going badly: the planned date or result is (almost) out of reach."),
}


class DoneCriterion(models.TextChoices):
    FINISHED = "finished", _("Really finished: it needs no more attention")
    EMBEDDED = "embedded", _("Follow-up is embedded in a daily process")


class Action(OwnerLabel, models.Model):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="actions", verbose_name=_("strategy")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owner"),
    )
    # Owners before they join: an invited person chosen as owner; accepting the invitation
    # makes them the owner (koers.accounts.pending), withdrawing it leaves the item unowned.
    pending_owner = pending_owner_field()
    co_owners = models.ManyToManyField(
        USER, blank=True, related_name="co_owned_actions", verbose_name=_("co-owners")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TODO
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    colour = models.CharField(_("colour"), max_length=8, choices=Colour.choices, blank=True)
    position = models.PositiveIntegerField(default=0)
    proposed = models.BooleanField(_("proposed"), default=False)
    proposed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_criterion = models.CharField(
        _("how it was closed"), max_length=10, choices=DoneCriterion.choices, blank=True
    )
    handover_process = models.CharField(_("process that carries it on"), max_length=200, blank=True)
    handover_owner = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handed_over_actions",
        verbose_name=_("carried on by"),
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_update_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="action_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(due_date__gte=models.F("start_date")),
                name="action_due_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["strategy", "status"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Past its due date and not done, today (koers.actions.queries.is_overdue)."""
        from django.utils import timezone

        from koers.actions.queries import is_overdue

        return is_overdue(self, timezone.localdate())


class ActionUpdate(models.Model):
    """The structured update of the method: did / next / need, progress and colour."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    on_behalf_of = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    did = models.TextField(_("what did you do?"), blank=True)
    next = models.TextField(_("what will you do next period?"), blank=True)
    need = models.TextField(_("what do you need from the team?"), blank=True)
    need_from = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("ask this of"),
    )
    need_answered_at = models.DateTimeField(null=True, blank=True)
    need_answered_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    progress = models.PositiveSmallIntegerField(_("progress"))
    colour = models.CharField(_("colour"), max_length=8, choices=Colour.choices)
    previous_progress = models.PositiveSmallIntegerField(null=True, blank=True)
    previous_colour = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")

    def __str__(self) -> str:
        return f"{self.action} @ {self.created_at:%Y-%m-%d}"


class StrategyUpdate(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    did = models.TextField(_("what happened?"), blank=True)
    next = models.TextField(_("what comes next?"), blank=True)
    need = models.TextField(_("what does the strategy need?"), blank=True)
    colour = models.CharField(_("colour"), max_length=8, choices=Colour.choices)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("strategy update")
        verbose_name_plural = _("strategy updates")

    def __str__(self) -> str:
        return f"{self.strategy} @ {self.created_at:%Y-%m-%d}"


class DefinitionOfDone(models.Model):
    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="definition_of_done")
    text = models.TextField(_("definition of done"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("definition of done")
        verbose_name_plural = _("definitions of done")

    def __str__(self) -> str:
        return f"{self.plan}"
