"""Retiring plan content instead of deleting it once it has gathered history."""

from dataclasses import dataclass

from django.apps import apps
from django.db import router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from koers.plans.models import Goal, Measure, Strategy


def _with_parts(item) -> list:
    """The item and what goes with it: a strategy's measures, and their KPIs."""
    parts = [item]
    if isinstance(item, Strategy):
        for measure in Measure.all_objects.filter(strategy=item, retired_at__isnull=True):
            parts += _with_parts(measure)
    if isinstance(item, Goal | Measure):
        kpi = _kpi_of(item)
        if kpi is not None and kpi.retired_at is None:
            parts.append(kpi)
    return parts


def _kpi_of(item):
    kpi_model = apps.get_model("dashboard", "Kpi")
    lookup = "goal" if isinstance(item, Goal) else "measure"
    return kpi_model.all_objects.filter(**{lookup: item}).first()


@transaction.atomic
def retire(item, by, reason: str = "") -> None:
    """Take the item out of the active plan and the dashboards; everything it gathered stays."""
    now = timezone.now()
    for part in _with_parts(item):
        part.retired_at = now
        part.retired_reason = reason[:300]
        part.save(update_fields=["retired_at", "retired_reason"])


@transaction.atomic
def restore(item) -> None:
    """Bring a retired item back with the parts retired along with it."""
    if isinstance(item, Measure) and item.strategy.retired_at is not None:
        raise ValueError("restore the strategy first")
    moment = item.retired_at
    parts = [item]
    if isinstance(item, Strategy):
        for measure in Measure.all_objects.filter(strategy=item, retired_at=moment):
            parts.append(measure)
    for part in list(parts):
        if isinstance(part, Goal | Measure):
            kpi = _kpi_of(part)
            if kpi is not None and kpi.retired_at == moment:
                parts.append(kpi)
    for part in parts:
        part.retired_at, part.retired_reason = None, ""
        part.save(update_fields=["retired_at", "retired_reason"])


@dataclass(frozen=True)
class Removal:
    """What deleting an item would take with it. With history, it is retired instead."""

    has_history: bool
    counts: list  # (verbose plural name, number), biggest first
    objects: list  # "measure: Lunches sold", every row that would go


PLAIN_CONTENT = {"plans.goal", "plans.strategy", "plans.measure", "dashboard.kpi"}


def removal(item) -> Removal:
    """Everything a delete of `item` would cascade to, found the way the delete itself does."""
    collector = Collector(using=router.db_for_write(type(item)))
    collector.collect([item])
    counts, objects, has_history = [], [], False
    for model, instances in collector.data.items():
        if not instances:
            continue
        if model._meta.label_lower not in PLAIN_CONTENT:
            has_history = True
        counts.append((str(model._meta.verbose_name_plural), len(instances)))
        objects += [f"{model._meta.verbose_name}: {instance}" for instance in instances]
    for queryset in collector.fast_deletes:
        number = queryset.count()
        if number:
            has_history = has_history or queryset.model._meta.label_lower not in PLAIN_CONTENT
            counts.append((str(queryset.model._meta.verbose_name_plural), number))
            objects.append(f"{queryset.model._meta.verbose_name_plural}: {number}")
    counts.sort(key=lambda pair: -pair[1])
    return Removal(has_history, counts, objects)


@transaction.atomic
def remove_or_retire(item, by, reason: str = "") -> bool:
    """Delete an item that never gathered anything; retire one that did. True if retired."""
    if removal(item).has_history:
        retire(item, by, reason)
        return True
    item.delete()
    return False
