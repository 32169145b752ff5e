"""What is asked of me: the one rule behind *My work*, its count in the navigation and the
landing page after login.

Four kinds of work, each a queryset so that the page lists them and the navigation counts them
in a single query, whatever their number:

- action updates for the next session of each plan (METHOD.md: the update round asks every
  action owner), with the session's start as the deadline;
- strategy updates when that next session is a steering session (strategy owners);
- requests ("needs") addressed to me and not answered yet;
- session decisions that gave me an action, a new owner or date or a priority, not yet
  followed by an update of mine (and not already asked for above).

Beside them, not asked of me and not counted: my proposals waiting for a session's decision.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import (
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from koers.actions import queries as action_queries
from koers.actions.models import Action, StrategyUpdate
from koers.meetings.agenda import DECIDES_PROPOSALS
from koers.meetings.models import Decision, Kind, Session
from koers.plans.models import Strategy
from koers.plans.roles import asked_on_plan_q

# Without an opened round, updates written in the month before a session count for it.
ROUND_LOOKBACK = timedelta(days=30)

# An open action of mine "has gone silent" when neither an update nor its creation is more
# recent than this: three weeks, most of the month between two update sessions.
SILENT_AFTER = timedelta(weeks=3)

# Decisions that hand work to an action's owner; notes, colours and closings do not.
ASSIGNING = [
    Decision.Type.NEW_ACTION,
    Decision.Type.OWNER,
    Decision.Type.DUE_DATE,
    Decision.Type.PRIORITY,
]


def round_start(session):
    """Since when updates count for `session`: its round's opening, else a month before it
    (the SQL below says the same for every plan's next session at once)."""
    return session.round_opened_at or session.starts_at - ROUND_LOOKBACK


def _next_sessions(plan_ref: str, now, kinds=None) -> QuerySet:
    """The planned sessions after `now` of the plan at `plan_ref` (of `kinds` only, if given),
    the next first."""
    sessions = Session.objects.filter(
        plan=OuterRef(plan_ref), state=Session.State.PLANNED, starts_at__gt=now
    )
    if kinds is not None:
        sessions = sessions.filter(kind__in=kinds)
    return sessions.order_by("starts_at", "pk")


def _next_session_id(plan_ref: str, now):
    """The id of the next planned session of the plan at `plan_ref`."""
    return Subquery(_next_sessions(plan_ref, now).values("pk")[:1])


def _with_next_session(qs: QuerySet, plan_ref: str, now) -> QuerySet:
    """Annotate the next session (id, kind, start) and since when updates count for it.

    The session is joined (rows without a next session drop out) and its columns read through
    the join: one correlated subquery instead of one per column, which is what building and
    compiling these querysets costs on My work (the SQL itself is fast)."""
    sessions = f"{plan_ref}__sessions"
    return (
        qs.filter(**{f"{sessions}__pk": _next_session_id(plan_ref, now)})
        .annotate(
            session_id=F(f"{sessions}__pk"),
            session_kind=F(f"{sessions}__kind"),
            deadline=F(f"{sessions}__starts_at"),
            round_opened=F(f"{sessions}__round_opened_at"),
        )
        .annotate(
            since=Coalesce(
                F("round_opened"), F("deadline") - ROUND_LOOKBACK, output_field=DateTimeField()
            )
        )
    )


def round_actions(user, workspace, now, plan=None) -> QuerySet:
    """My actions the next session of their plan asks about, answered or not: open, owned by
    me. `answered` says whether I updated it since the round began (the update round's own
    rule: koers.meetings.rounds.round_people). The one-page update form lists these."""
    qs = Action.objects.filter(
        action_queries.open_q(),
        asked_on_plan_q(user, "strategy__plan"),  # not on a plan where I only view
        owner=user,
        strategy__plan__workspace=workspace,
        strategy__plan__archived_at__isnull=True,
    )
    if plan is not None:
        qs = qs.filter(strategy__plan=plan)
    return (
        _with_next_session(qs, "strategy__plan", now)
        .filter(deadline__isnull=False)
        .annotate(answered=Q(last_update_at__gte=F("since")))
        .select_related("strategy__plan")
        .order_by("deadline", "strategy__plan_id", "strategy__position", "position", "pk")
    )


def action_updates(user, workspace, now) -> QuerySet:
    """My actions the next session asks an update of and that are silent since the round began."""
    return round_actions(user, workspace, now).filter(
        Q(last_update_at__isnull=True) | Q(last_update_at__lt=F("since"))
    )


def round_strategies(user, workspace, now, plan=None) -> QuerySet:
    """My strategies whose update the next session asks for (a steering session), answered
    (`answered`: a strategy update since the round began) or not."""
    qs = Strategy.objects.filter(
        asked_on_plan_q(user, "plan"),
        owner=user,
        plan__workspace=workspace,
        plan__archived_at__isnull=True,
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    recent = StrategyUpdate.objects.filter(
        strategy=OuterRef("pk"), created_at__gte=OuterRef("since")
    )
    return (
        _with_next_session(qs, "plan", now)
        .filter(session_kind=Kind.STEERING)
        .annotate(answered=Exists(recent))
        .select_related("plan")
        .order_by("deadline", "plan_id", "position", "pk")
    )


def strategy_updates(user, workspace, now) -> QuerySet:
    """My strategies whose update the next (steering) session asks for and has not had yet."""
    return round_strategies(user, workspace, now).filter(answered=False)


def requests(user, workspace) -> QuerySet:
    """Needs addressed to me, oldest first."""
    return action_queries.open_requests(user, workspace)


def decisions(user, workspace, now, asked_ids=None) -> QuerySet:
    """Session decisions that gave me work I have not answered with an update yet.
    `asked_ids`: the ids of `action_updates` when already read (spares building it again)."""
    if asked_ids is None:
        asked_ids = action_updates(user, workspace, now).values("pk")
    return (
        Decision.objects.filter(
            action_queries.open_q(via="action__"),
            type__in=ASSIGNING,
            action__owner=user,
            action__strategy__plan__workspace=workspace,
            action__strategy__plan__archived_at__isnull=True,
        )
        .filter(
            Q(action__last_update_at__isnull=True) | Q(action__last_update_at__lt=F("created_at"))
        )
        .exclude(action__in=asked_ids)
        .select_related("action__strategy__plan", "session")
        .order_by("-created_at", "-pk")
    )


def silent_actions(user, workspace, now) -> QuerySet:
    """My open actions gone silent (SILENT_AFTER), longest silent first; those the next
    session already asks about are left out (they are listed as asked)."""
    quiet_since = now - SILENT_AFTER
    return (
        Action.objects.filter(
            action_queries.open_q(),
            asked_on_plan_q(user, "strategy__plan"),  # nothing to nudge where I only view
            owner=user,
            strategy__plan__workspace=workspace,
            strategy__plan__archived_at__isnull=True,
            created_at__lt=quiet_since,
        )
        .filter(Q(last_update_at__isnull=True) | Q(last_update_at__lt=quiet_since))
        .exclude(pk__in=action_updates(user, workspace, now).values("pk"))
        .select_related("strategy__plan")
        .order_by(F("last_update_at").asc(nulls_first=True), "created_at", "pk")
    )


def my_proposals(user, workspace, now) -> QuerySet:
    """The actions I proposed that no session has decided on yet, oldest first: not asked of
    me (they are not counted), but what I wait for. Each says the next session that will decide
    it (the next planned session whose agenda offers proposals): `decided_kind` and
    `decided_at`, None while none is planned."""
    deciding = _next_sessions("strategy__plan", now, DECIDES_PROPOSALS)
    return (
        Action.objects.filter(
            action_queries.awaiting_decision_q(),
            proposed_by=user,
            strategy__plan__workspace=workspace,
            strategy__plan__archived_at__isnull=True,
        )
        .annotate(
            decided_kind=Subquery(deciding.values("kind")[:1]),
            decided_at=Subquery(deciding.values("starts_at")[:1]),
        )
        .select_related("strategy__plan")
        .order_by("created_at", "pk")
    )


@dataclass
class MyWork:
    action_updates: list = field(default_factory=list)
    strategy_updates: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    decisions: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.action_updates)
            + len(self.strategy_updates)
            + len(self.requests)
            + len(self.decisions)
        )


def _sorted(queryset: QuerySet, key) -> list:
    """The rows of `queryset` in its own order, sorted in Python: ordering in SQL made Django
    hash every selected column of the related rows (compiler._order_by_pairs), a tenth of what
    these lists cost; a few dozen rows sort in no time. `key` says the queryset's order_by."""
    return sorted(queryset.order_by(), key=key)


def my_work(user, workspace, now=None) -> MyWork:
    now = now or timezone.now()
    updates = _sorted(
        action_updates(user, workspace, now),
        lambda a: (a.deadline, a.strategy.plan_id, a.strategy.position, a.position, a.pk),
    )
    strategies = _sorted(
        strategy_updates(user, workspace, now),
        lambda s: (s.deadline, s.plan_id, s.position, s.pk),
    )
    # Newest first: sorted on the negated key's parts, as "-created_at", "-pk".
    assigned = sorted(
        decisions(user, workspace, now, [a.pk for a in updates]).order_by(),
        key=lambda d: (d.created_at, d.pk),
        reverse=True,
    )
    return MyWork(
        action_updates=updates,
        strategy_updates=strategies,
        requests=_sorted(requests(user, workspace), lambda r: (r.created_at, r.pk)),
        decisions=assigned,
    )


class _Count(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def count(user, workspace, now=None) -> int:
    """How many things are asked of me, in one query (the same querysets as `my_work`)."""
    now = now or timezone.now()
    kinds = [
        action_updates(user, workspace, now),
        strategy_updates(user, workspace, now),
        requests(user, workspace),
        decisions(user, workspace, now),
    ]
    totals = (
        type(workspace)
        .objects.filter(pk=workspace.pk)
        .annotate(**{f"n{i}": _Count(qs.order_by().values("pk")) for i, qs in enumerate(kinds)})
    )
    values = totals.values_list(*(f"n{i}" for i in range(len(kinds)))).first()
    return sum(values or ())


def _key(user, workspace, now) -> str:
    # Nothing asked changes without a change to the workspace (its revision), except that a
    # session begins at its hour: the hour is in the key too.
    return f"koers:asked:{workspace.pk}:{workspace.revision}:{user.pk}:{now:%Y%m%d%H}"


def known_count(user, workspace) -> int | None:
    """The count if it was computed for this revision and hour, else None (costs no query)."""
    return cache.get(_key(user, workspace, timezone.now()))


def remember(user, workspace, now, value: int) -> None:
    """Keep a count computed another way (My work lists everything: its length is the count)."""
    cache.set(_key(user, workspace, now), value, 60 * 60)


def cached_count(user, workspace) -> int:
    """`count`, computed once per revision, hour and user."""
    now = timezone.now()
    value = cache.get(_key(user, workspace, now))
    if value is None:
        value = count(user, workspace, now)
        remember(user, workspace, now, value)
    return value
