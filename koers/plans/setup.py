"""The set-up checklist of a new plan: what a team still has to do before its first session.

Ticked from the data, never stored: the plan page shows it until every step is done. The OGSM
steps read the goals and strategies the page has already loaded; the rest costs one query
(one fixed statement, `_team_facts`), so the page's query count stays constant as the plan grows.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.accounts.permissions import Can
from koers.lib import rows
from koers.plans.models import Plan, Strategy


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url: str
    done: bool


def _team_facts(plan: Plan) -> dict[str, bool]:
    """Whether the plan has actions, the workspace more members or an open invitation, the plan
    a rhythm and a session coming up: one statement of fixed SQL (koers.lib.rows: building it
    with the ORM's five subqueries took fifty times as long as running it, on every render of
    the plan page for its editors)."""
    using = Plan.objects.db
    now = connections[using].ops.adapt_datetimefield_value(timezone.now())
    params = {"plan": plan.pk, "workspace": plan.workspace_id, "now": now}
    facts = rows.fetch_one(_facts_sql(using), {**params, "planned": "planned"}, using)
    facts = {name: bool(value) for name, value in facts.items()}
    facts["team"] = facts["invited"] or facts["members"]
    return facts


@cache
def _facts_sql(using: str) -> str:
    # Imported here: actions and meetings build on plans, not the other way round.
    from koers.accounts.models import Invite, Membership
    from koers.actions.models import Action
    from koers.meetings.models import Cadence, Session

    assert Session.State.PLANNED == "planned"  # noqa: S101 (the parameter below)
    q, t = rows.quote, rows.table
    return (
        "SELECT EXISTS(SELECT 1 "  # noqa: S608 (identifiers from the models' metadata)
        f"FROM {t(Action, using)} a "
        f"JOIN {t(Strategy, using)} s ON s.{q('id')} = a.{q('strategy_id')} "
        f"WHERE s.{q('plan_id')} = %(plan)s AND s.{q('retired_at')} IS NULL "
        f"AND a.{q('archived_at')} IS NULL) AS {q('actions')}, "
        # more than one member: someone besides the plan's maker
        f"(SELECT COUNT(*) FROM {t(Membership, using)} m "
        f"WHERE m.{q('workspace_id')} = %(workspace)s) > 1 AS {q('members')}, "
        f"EXISTS(SELECT 1 FROM {t(Invite, using)} i WHERE i.{q('workspace_id')} = %(workspace)s "
        f"AND i.{q('accepted_at')} IS NULL AND i.{q('revoked_at')} IS NULL "
        f"AND i.{q('expires_at')} > %(now)s) AS {q('invited')}, "
        f"EXISTS(SELECT 1 FROM {t(Cadence, using)} c WHERE c.{q('plan_id')} = %(plan)s) "
        f"AS {q('rhythm')}, "
        f"EXISTS(SELECT 1 FROM {t(Session, using)} x WHERE x.{q('plan_id')} = %(plan)s "
        f"AND x.{q('starts_at')} >= %(now)s AND x.{q('state')} = %(planned)s) AS {q('session')}"
    )


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
