"""How the plans serving a strategy are doing, for the strategy's block on its plan's dashboard.

For each plan linked under a strategy (koers.plans.cascade): the colours its owners declared for
its strategies (each strategy's latest update), the evidence of its KPIs (`status.roll_up` of
their statuses, as its own dashboard judges them), the share of its open actions whose colour
asks a session's attention (`actions.models.WARNING_COLOURS`), and when anyone last reported
(an action or strategy update). Plain data, so the dashboard's fragment of the strategy block
is keyed on exactly what it shows (dashboard/kept.group_shown). Goals served and strategies
without a measure (no block of their own) are listed beneath the blocks. Six queries for any
number of plans below (the links with the plans' revisions, and five only for plans changed
since their health was kept: koers.dashboard.per_plan), one when none serves the plan.
"""

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from koers.actions.models import (
    WARNING_COLOURS,
    Action,
    ActionUpdate,
    StrategyUpdate,
    colour_severity,
)
from koers.actions.queries import latest_strategy_colour, open_q
from koers.dashboard import latest, per_plan
from koers.dashboard import status as rules
from koers.dashboard.models import Kpi
from koers.plans.models import PlanLink, Strategy


def serving(plan, today) -> list[dict]:
    """The goals and strategies of `plan` that plans serve, in the plan's order, each a dict:
    `kind` ("strategy" or "goal"), `id`, `title` and `plans`, the serving plans' health."""
    links = list(
        PlanLink.objects.filter(
            Q(parent_strategy__plan=plan) | Q(parent_goal__plan=plan),
            child__archived_at__isnull=True,
        )
        .annotate(
            item_title=Coalesce("parent_strategy__title", "parent_goal__title"),
            item_position=Coalesce("parent_strategy__position", "parent_goal__position"),
            child_revision=per_plan.revision(per_plan.EVERYTHING, "child_id"),
        )
        .order_by(
            "item_position", "parent_goal_id", "parent_strategy_id", "child__name", "child_id"
        )
        .values_list(
            "parent_strategy_id", "parent_goal_id", "item_title", "child_id", "child__name",
            "child__period", "child_revision",
        )
    )  # fmt: skip
    if not links:
        return []
    revisions = {child: revision for *_item, child, _name, _period, revision in links}
    # Each child's health is made from its own rows alone: kept under its revision.
    health = per_plan.kept(
        "serving-health",
        per_plan.EVERYTHING,
        revisions,
        lambda ids: _health(ids, today),
        revisions,
    )
    items: dict = {}
    for strategy_id, goal_id, title, child, name, period, _revision in links:
        key = ("strategy", strategy_id) if strategy_id else ("goal", goal_id)
        item = items.setdefault(key, {"kind": key[0], "id": key[1], "title": title, "plans": []})
        item["plans"].append({"plan_id": child, "name": name, "period": period, **health[child]})
    # Goals first, as the plan reads; each kind in its items' order
    return sorted(items.values(), key=lambda item: item["kind"] == "strategy")


def place(served: list[dict], dashboard: dict) -> list[dict]:
    """Give each strategy block of the dashboard (`services.dashboard`) its `serving` plans;
    return the served items without a block (goals, strategies without a measure), which the
    page lists beneath the blocks, so every served item shows."""
    blocks = {group["strategy"].pk: group for group in dashboard["strategies"]}
    for group in blocks.values():
        group["serving"] = []
    elsewhere = []
    for item in served:
        if item["kind"] == "strategy" and item["id"] in blocks:
            blocks[item["id"]]["serving"] = item["plans"]
        else:
            elsewhere.append(item)
    return elsewhere


def _health(children: set, today) -> dict[int, dict]:
    """Plan id -> its health: declared colours, KPI evidence, warning actions, last update."""
    health = {child: _empty() for child in children}
    declared = (
        Strategy.objects.filter(plan_id__in=children)
        .annotate(declared=latest_strategy_colour("pk"))
        .order_by("plan_id", "position", "pk")
        .values_list("plan_id", "declared")
    )
    for plan_id, colour in declared:
        counts = health[plan_id]["declared"]
        counts[colour or ""] = counts.get(colour or "", 0) + 1
    statuses: dict[int, list] = {}
    figured: set[int] = set()  # plans with a figure: "no target" rather than "no figures"
    for kpi, status in latest.status_rows(Kpi.objects.filter(plan_id__in=children), today):
        statuses.setdefault(kpi.plan_id, []).append(status)
        if kpi.latest_value is not None:
            figured.add(kpi.plan_id)
    colours: dict[int, list] = {}
    open_actions = Action.objects.filter(open_q(), strategy__plan_id__in=children)
    for plan_id, colour in open_actions.values_list("strategy__plan_id", "colour"):
        colours.setdefault(plan_id, []).append(colour)
    last = _last_updates(children)
    for child, info in health.items():
        own = colours.get(child, [])
        kpis = rules.roll_up(statuses.get(child, []))
        warning = sum(colour in WARNING_COLOURS for colour in own)
        info.update(
            # (colour, how many strategies declared it), most pressing first
            declared=sorted(info["declared"].items(), key=lambda c: colour_severity(c[0])),
            kpis=kpis,
            # Figures, but nothing to judge them by: say so, not "no figures"
            no_target=kpis == rules.UNKNOWN and child in figured,
            open_actions=len(own),
            warning_actions=warning,
            warning_pct=round(100 * warning / len(own)) if own else 0,
            last_update=last.get(child),
        )
    return health


def _empty() -> dict:
    return {"declared": {}}


def _last_updates(children) -> dict:
    """Plan id -> the date (in the reader's time zone) of its latest action or strategy update."""
    last: dict = {}
    per_plan = [
        ActionUpdate.objects.filter(action__strategy__plan_id__in=children)
        .values("action__strategy__plan_id")
        .annotate(at=Max("created_at"))
        .values_list("action__strategy__plan_id", "at"),
        StrategyUpdate.objects.filter(strategy__plan_id__in=children)
        .values("strategy__plan_id")
        .annotate(at=Max("created_at"))
        .values_list("strategy__plan_id", "at"),
    ]
    for rows in per_plan:
        for plan_id, at in rows.order_by():
            day = timezone.localtime(at).date()
            last[plan_id] = max(last.get(plan_id, day), day)
    return last
