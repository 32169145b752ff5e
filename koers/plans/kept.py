"""Rows read as values to key a kept block (`{% fragment %}`), made into instances only when
the block is rendered: the plan page's measures (a strategy's block is kept under them, its
`shown`) and the workspace page's plans.

The one-page OGSM of a plan with KPIs shows hundreds of measures; every change bumps the
revision and the page is rendered afresh, with every strategy's block usually kept. Making a
model instance of each measure only to key its block cost more than the rest of the page's
data. The values are every column of the row (as `pagecache.row_state` reads them), so the key
covers whatever the block shows of a measure.
"""

from koers.plans.models import Measure


def columns(model) -> tuple[str, ...]:
    """Every stored column of `model`, in `pagecache.row_state`'s order."""
    return tuple(f.attname for f in model._meta.concrete_fields)


COLUMNS = columns(Measure)


class Rows:
    """Rows of `model` in their order: `rows` (every column, for a key) and, when iterated, the
    instances made of them (once)."""

    def __init__(self, model, rows, db: str):
        self.model, self.rows, self._db, self._made = model, tuple(rows), db, None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        if self._made is None:
            names = columns(self.model)
            self._made = [self.model.from_db(self._db, names, row) for row in self.rows]
        return iter(self._made)


def rows_of(queryset) -> Rows:
    """The queryset's rows as `Rows`: one query, no instances until iterated."""
    return Rows(queryset.model, queryset.values_list(*columns(queryset.model)), queryset.db)


def with_measures(strategies: list) -> None:
    """Set `strategy.measure_list` (`Rows` of its live measures) on each: one query."""
    found: dict = {}
    rows = Measure.objects.filter(strategy__in=[s.pk for s in strategies])
    for row in rows.values_list(*COLUMNS):
        found.setdefault(row[COLUMNS.index("strategy_id")], []).append(row)
    for strategy in strategies:
        strategy.measure_list = Rows(Measure, found.get(strategy.pk, ()), rows.db)
