"""Brainstorms: ideas and the votes on them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Workspace
from koers.actions.models import Action
from koers.analysis.models.base import USER, Archivable
from koers.analysis.models.swot import SwotItem
from koers.analysis.models.trends import Trend
from koers.plans.models import Plan


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
