"""The trends rescored in the period a steering session looks back on, as the pre-read shows
them (meetings/_shifts.html), read without building a model instance when their blocks are kept.

The pre-read is rendered afresh after every change in the workspace; its trends rarely changed.
`analysis.year.trend_histories` builds a TrendScore and its Trend for each of a few hundred rows
just to find their `{% fragment %}` unchanged. Here the same rows (`trend_changes` follows its
rule: every score since the start, and each trend's score before it) are read raw in one query
(`lib/keptrows.Rows`: every stored column of the score and of its trend), each trend's block is
keyed on its raw rows, and the instances are built only when a block is rendered.

Why the key covers the block: it holds every stored column of every score shown and of their
trend, which is all the block reads (`tests`: served equals fresh after a rescore, an edit of
the trend, a trend archived).
"""

from functools import cached_property
from itertools import groupby

from koers.analysis import year
from koers.lib.keptrows import Rows


class KeptHistory:
    """A trend's scores in the window (and the one before), as `analysis.year.TrendHistory`
    offers them to the template: `shown` from the raw rows, `trend` and `scores` built on
    first use (only when the block is rendered)."""

    def __init__(self, rows: Rows, at: list[int]):
        self._rows, self._at = rows, at
        self.shown = tuple(rows.state[i] for i in at)

    @cached_property
    def scores(self) -> list:
        return self._rows.part(self._at).objects  # this trend's rows only, when rendered

    @property
    def trend(self):
        return self.scores[0].trend


def trend_changes(workspace_id, since) -> list[KeptHistory]:
    """The live trends rescored since `since` (`analysis.agenda.trend_changes`), one query."""
    rows = Rows.of(year.scores_since, workspace_id=workspace_id, start=since)
    trend_ids, in_window = rows.column("trend_id"), rows.column("in_window")
    histories = []
    for _trend, group in groupby(range(len(rows)), key=trend_ids.__getitem__):
        at = list(group)
        # Rescored in the window: more than one score, the last one in it.
        if len(at) > 1 and in_window[at[-1]]:
            histories.append(KeptHistory(rows, at))
    return histories
