"""The set-up checklist of a new plan: what a team still has to do before its first session.

Ticked from the data, never stored: the plan page shows it until every step is done. The OGSM
steps read the goals and strategies the page has already loaded; the rest costs one query
(`Exists` per step), so the page's query count stays constant as the plan grows.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.accounts.permissions import Can
from koers.plans.models import Plan


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url: str
    done: bool


def _team_facts(plan: Plan) -> dict[str, bool]:
    # Imported here: actions and meetings build on plans, not the other way round.
    from koers.accounts.models import Invite, Membership
    from koers.actions.models import Action
    from koers.meetings.models import Cadence, Session

    now = timezone.now()
    members = (
        Membership.objects.filter(workspace=OuterRef("workspace_id"))
        .values("workspace")
        .annotate(n=Count("pk"))
        .values("n")
    )
    invited = Invite.objects.filter(
        workspace=OuterRef("workspace_id"),
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    )
    facts = (
        Plan.objects.filter(pk=plan.pk)
        .annotate(
            actions=Exists(
                Action.objects.filter(
                    strategy__plan=OuterRef("pk"),
                    strategy__retired_at__isnull=True,
                    archived_at__isnull=True,
                )
            ),
            members=Subquery(members),
            invited=Exists(invited),
            rhythm=Exists(Cadence.objects.filter(plan=OuterRef("pk"))),
            session=Exists(
                Session.objects.filter(
                    Q(plan=OuterRef("pk")), starts_at__gte=now, state=Session.State.PLANNED
                )
            ),
        )
        .values("actions", "members", "invited", "rhythm", "session")
        .get()
    )
    facts["team"] = facts["invited"] or (facts["members"] or 0) > 1
    return facts


def open_checklist(plan: Plan, can, goals: list, strategies: list) -> list[Step]:
    """The checklist for the plan page: shown to who may edit the plan (`can`, the viewer's
    capabilities) until every step is done; empty otherwise."""
    if Can.EDIT_PLAN not in can:
        return []
    steps = checklist(plan, goals, strategies)
    return [] if all(step.done for step in steps) else steps


def checklist(plan: Plan, goals: list, strategies: list) -> list[Step]:
    """The eight set-up steps, each with where to do it and whether the data shows it done.

    `strategies` must come with their `measure_list` (koers.plans.kept, as the plan page
    loads them)."""
    slug = plan.workspace.slug
    page = reverse("plans:detail", args=[slug, plan.pk])
    facts = _team_facts(plan)
    return [
        Step(
            "objective",
            _("Write the objective"),
            reverse("plans:objective_edit", args=[slug, plan.pk]),
            bool(plan.objective),
        ),
        Step(
            "goals",
            _("Goals with their targets"),
            f"{page}#goals",
            bool(goals) and all(goal.target_value is not None for goal in goals),
        ),
        Step(
            "strategies",
            _("Strategies with an owner"),
            f"{page}#strategies",
            # an invited person counts: they own it from the moment they join
            bool(strategies) and all(s.owner_id or s.pending_owner_id for s in strategies),
        ),
        Step(
            "measures",
            _("Measures for every strategy"),
            f"{page}#strategies",
            bool(strategies) and all(s.measure_list for s in strategies),
        ),
        Step(
            "actions",
            _("Actions under the strategies"),
            reverse("actions:new", args=[slug, plan.pk]),
            facts["actions"],
        ),
        Step(
            "team",
            _("Invite the team"),
            reverse("accounts:members", args=[slug]),
            facts["team"],
        ),
        Step(
            "rhythm",
            _("Set the rhythm of the sessions"),
            reverse("meetings:cadence", args=[slug, plan.pk]),
            facts["rhythm"],
        ),
        Step(
            "session",
            _("Plan the next session"),
            reverse("meetings:new", args=[slug, plan.pk]),
            facts["session"],
        ),
    ]
