"""The plan page's measures read as values: a strategy's block is kept under them (its
`shown`), and instances are made only when the block is rendered.

The one-page OGSM of a plan with KPIs shows hundreds of measures; every change bumps the
revision and the page is rendered afresh, with every strategy's block usually kept. Making a
model instance of each measure only to key its block cost more than the rest of the page's
data. The values are every column of the row (as `pagecache.row_state` reads them), so the key
covers whatever the block shows of a measure.
"""

from koers.plans.models import Measure

COLUMNS = tuple(f.attname for f in Measure._meta.concrete_fields)


class Measures:
    """A strategy's live measures in their order: `rows` (every column, for the key) and, when
    iterated, the instances made of them (once)."""

    def __init__(self, rows: list, db: str):
        self.rows, self._db, self._made = tuple(rows), db, None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        if self._made is None:
            self._made = [Measure.from_db(self._db, COLUMNS, row) for row in self.rows]
        return iter(self._made)


def with_measures(strategies: list) -> None:
    """Set `strategy.measure_list` (`Measures`) on each of `strategies`: one query."""
    found: dict = {}
    rows = Measure.objects.filter(strategy__in=[s.pk for s in strategies])
    for row in rows.values_list(*COLUMNS):
        found.setdefault(row[COLUMNS.index("strategy_id")], []).append(row)
    for strategy in strategies:
        strategy.measure_list = Measures(found.get(strategy.pk, ()), rows.db)
