"""Finding actions: the plan-wide filters, "My actions" and open requests."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from koers.actions.models import (
    COLOUR_SEVERITY,
    NO_COLOUR_SEVERITY,
    Action,
    ActionUpdate,
    Status,
    StrategyUpdate,
)
from koers.plans.models import PlanRole, Strategy

COLOUR_RANK = Case(
    *(When(colour=colour, then=Value(rank)) for colour, rank in COLOUR_SEVERITY.items()),
    default=Value(NO_COLOUR_SEVERITY),
    output_field=IntegerField(),
)

SORTS = {
    "plan": ("strategy__position", "position", "pk"),
    "due": (F("due_date").asc(nulls_last=True), "pk"),
    "colour": ("colour_rank", F("due_date").asc(nulls_last=True), "pk"),
    "progress": ("progress", "pk"),
    "updated": (F("last_update_at").asc(nulls_first=True), "pk"),
}


@dataclass(frozen=True)
class ActionFilter:
    strategy: int | None = None
    owner: int | None = None
    status: str = ""
    colour: str = ""
    overdue: bool = False
    stale_weeks: int | None = None  # "no update for N weeks"
    sort: str = "plan"


def base_queryset() -> QuerySet:
    return (
        # A retired strategy took its actions out of the plan with it; they stay readable on
        # the retired strategy's page (koers.plans.retiring).
        Action.objects.filter(archived_at__isnull=True, strategy__retired_at__isnull=True)
        .select_related("strategy", "owner", "pending_owner", "handover_owner")
        .annotate(colour_rank=COLOUR_RANK)
    )


# "Open": an accepted action of the live plan that is not done yet (nor removed). An action
# whose strategy was retired left the plan with it (koers.plans.retiring): the update round no
# longer asks about it and nobody's open work lists it, though its own page keeps it. The
# query form and the test of one loaded action must agree; both are here and nowhere else.
def open_q(via: str = "") -> Q:
    """`via`: the path to the action from the model queried ("action__" from a Decision)."""
    return _in_live_plan_q(via, proposed=False)


def is_open(action: Action) -> bool:
    """Reads `action.strategy`: load it with the action (select_related) in a list."""
    return _in_live_plan(action, proposed=False)


# "Awaiting a decision": a member's proposal that no session has accepted (which makes it an
# open action) or rejected (which retires it, like a removed action) yet. Like an open action it
# left the plan with a retired strategy, and a proposal already done is no longer offered. The
# steering and plan agendas offer these (meetings.agenda.items.proposals); My work lists the
# proposer's own. Query form and the test of one loaded action, here and nowhere else.
def awaiting_decision_q(via: str = "") -> Q:
    return _in_live_plan_q(via, proposed=True)


def is_awaiting_decision(action: Action) -> bool:
    """Reads `action.strategy`: load it with the action (select_related) in a list."""
    return _in_live_plan(action, proposed=True)


# What both share: not removed, not done, of a strategy still in the live plan; they differ
# only in whether a session has accepted the action yet.
def _in_live_plan_q(via: str, proposed: bool) -> Q:
    return Q(
        **{
            f"{via}archived_at__isnull": True,
            f"{via}proposed": proposed,
            f"{via}strategy__retired_at__isnull": True,
        }
    ) & ~Q(**{f"{via}status": Status.DONE})


def _in_live_plan(action: Action, proposed: bool) -> bool:
    return (
        action.archived_at is None
        and action.proposed == proposed
        and action.status != Status.DONE
        and action.strategy.retired_at is None
    )


def open_actions(plan) -> QuerySet:
    """The plan's open actions (see `open_q`)."""
    return Action.objects.filter(open_q(), strategy__plan=plan)


# "Overdue": past its due date and not done (the template's `action.is_overdue`).
def overdue_q(today) -> Q:
    return Q(due_date__lt=today) & ~Q(status=Status.DONE)


def is_overdue(action: Action, today) -> bool:
    return bool(action.due_date and action.due_date < today and action.status != Status.DONE)


def stale_q(weeks: int, now) -> Q:
    cutoff = now - timedelta(weeks=weeks)
    return ~Q(status=Status.DONE) & (Q(last_update_at__lt=cutoff) | Q(last_update_at__isnull=True))


def plan_actions(plan, f: ActionFilter) -> QuerySet:
    now = timezone.now()
    qs = base_queryset().filter(strategy__plan=plan)
    if f.strategy:
        qs = qs.filter(strategy_id=f.strategy)
    if f.owner:
        qs = qs.filter(Q(owner_id=f.owner) | Q(co_owners__id=f.owner)).distinct()
    if f.status:
        qs = qs.filter(status=f.status)
    if f.colour:
        qs = qs.filter(colour=f.colour)
    if f.overdue:
        qs = qs.filter(overdue_q(timezone.localdate(now)))
    if f.stale_weeks:
        qs = qs.filter(stale_q(f.stale_weeks, now))
    return qs.order_by(*SORTS.get(f.sort, SORTS["plan"]))


def co_owned(user) -> QuerySet:
    """The ids of the actions `user` co-owns."""
    return Action.co_owners.through.objects.filter(user=user).values("action_id")


def my_actions(user, workspace) -> QuerySet:
    """My open actions, the ones that most need an update first: never updated, then oldest."""
    return (
        base_queryset()
        .filter(
            open_q(), strategy__plan__workspace=workspace, strategy__plan__archived_at__isnull=True
        )
        # Co-owned through a subquery, not a join: no duplicate rows, so no DISTINCT to sort.
        .filter(Q(owner=user) | Q(pk__in=co_owned(user)))
        .select_related("strategy__plan")
        .order_by(
            F("last_update_at").asc(nulls_first=True), F("due_date").asc(nulls_last=True), "pk"
        )
    )


def open_requests(user, workspace) -> QuerySet:
    """Unanswered needs asked of `user` on open actions (`open_q`): a request on an action that
    left the plan (removed, done, of a retired strategy) or was never in it (a proposal) is no
    longer work asked of anyone; it stays on the action's own page."""
    return (
        ActionUpdate.objects.filter(
            open_q(via="action__"),
            need_from=user,
            need_answered_at__isnull=True,
            action__strategy__plan__workspace=workspace,
        )
        .select_related("author", "action__strategy__plan")
        .order_by("created_at")
    )


def latest(model, parent_field: str, parent_ref: str = "pk", field: str = "pk"):
    return Subquery(
        model.objects.filter(**{parent_field: OuterRef(parent_ref)})
        .order_by("-created_at", "-pk")
        .values(field)[:1]
    )


def latest_strategy_colour(strategy_ref: str) -> Subquery:
    """The colour of the latest update of the strategy at `strategy_ref`, to annotate with."""
    return latest(StrategyUpdate, "strategy", strategy_ref, field="colour")


def requests_to_plan(parent_id: int, child_plan_ids) -> QuerySet:
    """Open help requests from cascaded plans to the plan they serve: the unanswered needs of
    updates on the child plans' actions asked of a person of the plan `parent_id` (who owns one
    of its strategies or actions, or holds a role on it), on open actions (`open_q`, as
    `open_requests`). Made of its arguments alone, so it can be compiled once
    (`keptrows.Rows.of`)."""
    people = (
        Q(need_from__in=Strategy.objects.filter(plan_id=parent_id).values("owner"))
        | Q(need_from__in=Action.objects.filter(strategy__plan_id=parent_id).values("owner"))
        | Q(need_from__in=PlanRole.objects.filter(plan_id=parent_id).values("user"))
    )
    return (
        ActionUpdate.objects.filter(
            people,
            open_q(via="action__"),
            need_answered_at__isnull=True,
            action__strategy__plan_id__in=child_plan_ids,
        )
        .exclude(need="")
        .select_related("author", "need_from", "action__strategy")
        .order_by("created_at", "pk")
    )
