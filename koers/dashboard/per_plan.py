"""What is computed from one plan's own rows, kept per plan under the plan's revision.

The portfolio's line of a plan (`portfolio.plan_statuses`), the health of a plan serving a
strategy (`cascade_health`) and a plan's dashboard of KPI views (`kept.dashboard`) read only
rows of that plan: its row, its goals, strategies and their updates, its KPIs with their
figures and milestones, its actions and their updates, its draft version. `PlanRevision`
(koers.accounts.revision) is bumped in the writing transaction by every write of such a row
that bumps the workspace's revision (each model whose way to the workspace passes through
Plan, per model: "actions.action", "dashboard.kpitarget", …; `touch_plan` and
`touch_workspaces` for every area), so equal revisions of the areas read mean equal rows,
whichever column a write changed (a milestone changed in place, a strategy retired, positions
reordered) and whether or not it bumped a `version`. The key adds what else the result
depends on: the areas, the date (`fragment_key`: late actions, the figures' window), the
language and the time zone (an update's day). After an action update in one plan, the other
plans' results come from the cache, and so do its KPIs' statuses and strategies: the
revisions come with the plans' query (`revision_of`), or in one query; a page of one plan
reads them in its door (`plans.access.get_plan_and_revision_for`).

Why not a digest of the rows (count, highest id, sum of versions, as dashboard/kept does for
figures): many writes change such rows without bumping their `version` (an action update, a
status change, retiring, milestones, which have none), so the sum would not tell them apart.
"""

from django.core.cache import cache
from django.utils import timezone

from koers.accounts.revision import revision_of, revisions_of
from koers.lib.pagecache import TIMEOUT, fragment_key

# The models of the rows each part reads, the plan's own row always (a row moved to another
# plan bumps the new plan's area; the one move, `plans.rollover`, saves the old plan's row).
PLAN = ("plans.plan",)
KPIS = (*PLAN, "dashboard.kpi", "dashboard.measurement", "dashboard.kpitarget")
STRATEGIES = (*PLAN, "plans.strategy", "actions.strategyupdate", "plans.planversion")
ACTIONS = (*PLAN, "plans.strategy", "actions.action", "actions.actionupdate")
EVERYTHING = tuple(dict.fromkeys((*KPIS, *STRATEGIES, *ACTIONS)))
# The dashboard's KPI views grouped (dashboard/kept.dashboard): each KPI with its goal, its
# measure and that measure's strategy with its declared colour, its figures and milestones.
DASHBOARD = (*KPIS, "plans.goal", "plans.measure", "plans.strategy", "actions.strategyupdate")


def revision(areas: tuple, plan: str = "pk"):
    """A plan's revision for `areas`, to annotate its query with (`kept`'s `revisions`)."""
    return revision_of(areas, plan)


def kept(name: str, areas: tuple, plan_ids, compute, revisions: dict | None = None) -> dict:
    """Plan id -> `compute(ids)[id]`, computed only for plans whose revision for `areas` (the
    models of the rows read, "plans.plan" always: `PLAN`) changed since it was kept; one
    query (the revisions) when none did, none when `revisions` are given (plan id -> its
    revision for `areas`, read with the plans: `revision_of`). `compute` takes a set of plan
    ids and returns a picklable value for each, from those plans' rows of `areas` alone."""
    ids = set(plan_ids)
    if not ids:
        return {}
    if revisions is None:
        revisions = revisions_of(ids, areas)
    zone = timezone.get_current_timezone_name()
    # A plan missing from `revisions` was deleted meanwhile: its id is never used again.
    keys = {pk: fragment_key(name, (pk, areas, revisions.get(pk, 0), zone)) for pk in ids}
    found = cache.get_many(keys.values())
    missing = {pk for pk, key in keys.items() if key not in found}
    if missing:
        made = compute(missing)
        cache.set_many({keys[pk]: made[pk] for pk in missing}, TIMEOUT)
        found.update({keys[pk]: made[pk] for pk in missing})
    return {pk: found[key] for pk, key in keys.items()}
