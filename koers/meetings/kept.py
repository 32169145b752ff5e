"""The pre-read's actions, read raw and built only for the blocks that are rendered.

The pre-read is rendered afresh after every change in the workspace; of its hundred action
blocks (`{% fragment "preread-action" %}`), an action update changed one. Building every action
with its owner, its latest update and the people on it, only to compute each block's key from
the instances (`row_state` of five rows), cost a third of the render. Here each block is keyed
on its action's raw row (`lib/keptrows.Rows.state`: every stored column of the action, of its
owner and invited owner, of its latest update with its author and the person asked, and what an
earlier session agreed, read in the actions' one query), and its instance is built only when
its block is rendered (`KeptAction.action`).

Why the key covers the block: the row holds every value the instance is made of, and the
block reads nothing else of it (the strategy comes from the strategies' own query and is not
shown in the block); `tests/test_preread_fragments.py` proves served equals fresh after each
kind of change.
"""

from functools import cached_property

from koers.actions.models import Action
from koers.meetings import remedies


def actions_of(rows, strategies=None) -> list:
    """The actions of `loading.action_rows` (all of them, or a `part`), each with
    `.latest_update`, `.last_agreed` and `.shown` (its raw row), and, given every strategy of
    the plan (id -> Strategy), its strategy from there, in plan order."""
    actions = rows.objects
    cache_strategy = Action.strategy.field.set_cached_value
    for action, row in zip(actions, rows.state, strict=True):
        # Its raw row: what a block showing it can show of it, its people, its latest
        # update and what was agreed (the agenda's items, `agenda.shown`).
        action.shown = row
        action.latest_update = getattr(action, "latest", None)
        action.last_agreed = remedies.from_columns(action)
        if strategies:
            cache_strategy(action, strategies[action.strategy_id])
    if strategies:
        actions.sort(key=lambda a: (a.strategy.position, a.position, a.pk))
    return actions


class KeptAction:
    """One action as its kept block needs it: `shown` (its raw row, the block's key) and its
    strategy's id, read without building; `action` is built on first use, alone."""

    def __init__(self, rows, at: int, strategy_id: int, strategies: dict):
        self._rows, self._at, self._strategies = rows, at, strategies
        self.shown, self.strategy_id = rows.state[at], strategy_id

    @cached_property
    def action(self):
        return actions_of(self._rows.part([self._at]), self._strategies)[0]

    @classmethod
    def every(cls, rows, strategies: dict) -> list["KeptAction"]:
        """Each row of `rows` (`loading.action_rows`, without their strategies), in plan
        order: by strategy (as `strategies` orders them), position, id."""
        strategy_ids, positions = rows.column("strategy_id"), rows.column("position")
        ids = rows.column("id")
        order = {pk: (s.position, s.pk) for pk, s in strategies.items()}
        ranked = sorted(
            range(len(rows)), key=lambda at: (order[strategy_ids[at]], positions[at], ids[at])
        )
        return [cls(rows, at, strategy_ids[at], strategies) for at in ranked]
