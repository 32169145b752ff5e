"""The plan page's measures and the workspace page's plans as `koers.lib.keptrows.Rows`: a
strategy's block (its `shown`) and the list of plans (`plans_shown`) are kept under their rows'
state; the instances are made only when a block is rendered.

The one-page OGSM of a plan with KPIs shows hundreds of measures; every change bumps the
revision and the page is rendered afresh, with every strategy's block usually kept. The rows are
read whole (every column: a block may show any field of a measure), so their state covers
whatever the block shows of them.
"""

from koers.lib.keptrows import Rows
from koers.plans.models import Measure

rows_of = Rows  # the old name


def with_measures(strategies: list) -> None:
    """Set `strategy.measure_list` (`Rows` of its live measures, in their order) on each: one
    query for them all."""
    rows = Rows(Measure.objects.filter(strategy__in=[s.pk for s in strategies]))
    found: dict = {}
    for at, strategy_id in enumerate(rows.column("strategy_id")):
        found.setdefault(strategy_id, []).append(at)
    for strategy in strategies:
        strategy.measure_list = rows.part(found.get(strategy.pk, ()))
