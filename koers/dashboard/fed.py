"""Fed KPIs: choosing a KPI's sources in the plans below, and keeping its figures rolled up.

The rolled-up figures are stored as the fed KPI's own `Measurement` rows, written by
`figures_changed` inside the transaction of every write of figures (the grid and the
correction form through `services`, the import, the API and the feeds through
`transfer.commit_rows`), so every page, PDF, deck, agenda and status rule that reads figures
reads them as it reads any other; no reader computes a roll-up (docs/architecture.md,
"Roll-up"). A fed KPI's figures are never entered by hand: `by_hand_refusal` says why, and
each write path asks it.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from koers.dashboard import rollup
from koers.dashboard.models import Kpi, KpiSource, Measurement
from koers.lib.versioning import save_versioned
from koers.plans import cascade

MAX_LEVELS = 100  # plans below plans below plans...: far more than any organisation has
ROLLED_UP_FIELDS = ["value", "sources_present", "sources_total"]


class RollUpRefused(Exception):
    """Sources that cannot feed the KPI; `messages` are shown as they are, nothing is saved."""

    def __init__(self, messages):
        super().__init__(" ".join(messages))
        self.messages = list(messages)


def below(plan) -> set[int]:
    """The ids of the plans under `plan` at any depth (one query)."""
    return cascade.descendants(plan.pk, cascade.parents_by_child(plan.workspace_id))


def candidates(kpi) -> list[Kpi]:
    """The KPIs that could feed `kpi`: those of the plans below its plan, in plan order."""
    return list(
        Kpi.objects.filter(plan_id__in=below(kpi.plan))
        .select_related("plan", "goal", "measure")
        .order_by("plan__name", "plan_id", "goal__position", "measure__position", "pk")
    )


def feeding(kpi) -> list[dict]:
    """The KPI page's list of what fills a fed KPI (one query; none for a KPI by hand): each
    source with its plan, and why it no longer counts (`problem`: its plan is no longer below
    this one, or its unit, direction or frequency changed), "" while it does."""
    if not kpi.roll_up:
        return []
    rows = list(
        KpiSource.objects.filter(kpi=kpi)
        .select_related("source__plan", "source__goal", "source__measure")
        .order_by("source__plan__name", "pk")
    )
    plans_below = below(kpi.plan) if rows else set()
    return [
        {
            "kpi": row.source,
            "plan": row.source.plan,
            "problem": rollup.refusal(kpi, row.source, plans_below),
        }
        for row in rows
    ]


def source_plans(kpi_ids) -> dict[int, list[str]]:
    """`kpi_ids` (ids or a subquery of them): fed KPI id -> the names of the plans its figures
    come from (one query); KPIs filled by hand are absent. What the grid and the correction
    form show instead of an input, and what the import's check refuses."""
    names: dict[int, list[str]] = {}
    rows = (
        KpiSource.objects.filter(kpi_id__in=kpi_ids, kpi__roll_up__gt="")
        .order_by("source__plan__name")
        .values_list("kpi_id", "source__plan__name")
    )
    for kpi_id, name in rows:
        if name not in names.setdefault(kpi_id, []):
            names[kpi_id].append(name)
    return names


def by_hand_refusal(kpi_names: list[str]) -> str:
    """The message for a figure typed for a fed KPI (`kpi_names`: its source plans)."""
    return _("This KPI is filled from: %(plans)s. Its figures cannot be entered by hand.") % {
        "plans": ", ".join(kpi_names) or "—"
    }


@transaction.atomic
def set_roll_up(kpi, how: str, source_ids, loaded_version: int) -> None:
    """Feed `kpi` from `source_ids` combined as `how` (blank: figures by hand again, its figures
    kept as they are). All sources are checked first: any refusal raises RollUpRefused with
    every reason and saves nothing; a change by someone else since `loaded_version` is a
    StaleEdit. The KPI's figures are rolled up at once."""
    source_ids = set(source_ids) if how else set()
    found = {k.pk: k for k in Kpi.objects.filter(pk__in=source_ids).select_related("goal")}
    plans_below = below(kpi.plan)
    reasons = [rollup.refusal(kpi, found[pk], plans_below) for pk in sorted(found)]
    reasons += [_("A chosen KPI does not exist (any more).")] * len(source_ids - set(found))
    if how and not source_ids:
        reasons.append(_("Choose at least one KPI to fill this one from."))
    if any(reasons):
        raise RollUpRefused([r for r in reasons if r])
    kpi.roll_up = how
    save_versioned(kpi, ["roll_up"], loaded_version)
    KpiSource.objects.filter(kpi=kpi).exclude(source_id__in=source_ids).delete()
    kept = set(KpiSource.objects.filter(kpi=kpi).values_list("source_id", flat=True))
    for source_id in sorted(source_ids - kept):
        KpiSource.objects.create(kpi=kpi, source_id=source_id)
    if how:
        _refresh_chain({kpi.pk})


def figures_changed(kpi_ids) -> None:
    """Figures of these KPIs were written: roll up every KPI they feed, and the KPIs those
    feed, within the caller's transaction. One query when they feed nothing."""
    fed = set(
        KpiSource.objects.filter(source_id__in=set(kpi_ids), kpi__roll_up__gt="").values_list(
            "kpi_id", flat=True
        )
    )
    if fed:
        _refresh_chain(fed)


def settings_changed(kpi) -> None:
    """A KPI's unit, direction or frequency may have changed: roll it up again if it is fed,
    and the KPIs it feeds (a source that no longer fits stops counting)."""
    feeds = set(
        KpiSource.objects.filter(source=kpi, kpi__roll_up__gt="").values_list("kpi_id", flat=True)
    )
    _refresh_chain(feeds | ({kpi.pk} if kpi.roll_up else set()))


def plans_relinked(workspace_id: int) -> None:
    """A plan link was made or removed: sources may have come below a fed KPI or left it."""
    fed = set(
        Kpi.all_objects.filter(plan__workspace_id=workspace_id, roll_up__gt="").values_list(
            "pk", flat=True
        )
    )
    if fed:
        _refresh_chain(fed)


def _refresh_chain(kpi_ids: set[int]) -> None:
    # Upwards, level by level, until nothing changes. A KPI fed both straight from a team and
    # through the team's department is rolled up again once the department's figure changed.
    # Links never form a circle (koers.plans.cascade) and sources no longer below do not
    # count, so this ends; MAX_LEVELS only guards against a mistake making it spin.
    todo = set(kpi_ids)
    for _level in range(MAX_LEVELS):
        if not todo:
            return
        changed = refresh(todo)
        todo = set(
            KpiSource.objects.filter(source_id__in=changed, kpi__roll_up__gt="").values_list(
                "kpi_id", flat=True
            )
        )


def refresh(kpi_ids) -> set[int]:
    """Store each fed KPI's figures as its sources' figures combined (`rollup.roll_up`);
    returns the KPIs whose figures changed. Sources that could not be chosen now (a link
    removed, a unit changed: `rollup.refusal`) do not count. A constant number of queries to
    read, one write per changed figure."""
    kpis = list(
        Kpi.all_objects.filter(pk__in=kpi_ids, roll_up__gt="").select_related(
            "plan", "goal", "measure"
        )
    )
    if not kpis:
        return set()
    parents = cascade.parents_by_child(kpis[0].plan.workspace_id)
    sources: dict[int, list] = {}
    for row in KpiSource.objects.filter(kpi__in=kpis).select_related(
        "source__goal", "source__measure"
    ):
        sources.setdefault(row.kpi_id, []).append(row.source)
    series: dict[int, dict] = {}
    all_sources = {s.pk for rows in sources.values() for s in rows}
    for source_id, period, value, at in Measurement.objects.filter(
        kpi_id__in=all_sources
    ).values_list("kpi_id", "period", "value", "entered_at"):
        series.setdefault(source_id, {})[period] = (value, at)
    stored: dict[int, dict] = {}
    for figure in Measurement.objects.filter(kpi__in=kpis):
        stored.setdefault(figure.kpi_id, {})[figure.period] = figure
    changed = set()
    for kpi in kpis:
        # Only sources that may feed it now: still below, and still in its unit, direction
        # and frequency (a KPI's settings may have changed since the source was chosen).
        plans_below = cascade.descendants(kpi.plan_id, parents)
        feeding = [s.pk for s in sources.get(kpi.pk, []) if not rollup.refusal(kpi, s, plans_below)]
        points = rollup.roll_up(kpi.roll_up, {s: series.get(s, {}) for s in feeding})
        if _store(kpi, points, stored.get(kpi.pk, {})):
            changed.add(kpi.pk)
    return changed


def _store(kpi, points: dict, stored: dict) -> bool:
    value_field = Measurement._meta.get_field("value")
    limit = Decimal(10) ** (value_field.max_digits - value_field.decimal_places)
    changed = False
    # Figures entered by hand (before the KPI was fed, or while it was by hand) are the team's
    # history: a period the plans below have no figure for keeps its own. Where they have one,
    # the combined figure replaces it, as the person who chose the roll-up asked (the change
    # log keeps the figure it replaced).
    for period, figure in stored.items():
        if period not in points and figure.sources_total is not None:
            figure.delete()
            changed = True
    for period, point in points.items():
        if abs(point.value) >= limit:
            raise RollUpRefused(
                [_("The rolled-up figure of “%(kpi)s” would be too large.") % {"kpi": kpi.name}]
            )
        figure = stored.get(period)
        shown = (point.value, point.present, point.total)
        if figure is None:
            Measurement.objects.create(
                kpi=kpi,
                period=period,
                value=point.value,
                sources_present=point.present,
                sources_total=point.total,
            )
        elif (figure.value, figure.sources_present, figure.sources_total) != shown:
            figure.value, figure.sources_present, figure.sources_total = shown
            figure.entered_by, figure.version = None, figure.version + 1
            figure.save(update_fields=[*ROLLED_UP_FIELDS, "entered_by", "entered_at", "version"])
        else:
            continue
        changed = True
    return changed
