"""What an agenda item and a section show: the keys their blocks on the session page are kept
under (`{% fragment %}`, koers.lib.pagecache), so that after a change only the items and the
sections it touched are rendered again (docs/architecture.md, "Fast right after a change").

An item's key holds every value its partial (`meetings/items/_<kind>.html`) reads: an action's
raw row (`action.shown`, set by `meetings.kept.actions_of`: the action, its owner and invited
owner, its latest update with the author and the person asked, and what an earlier session
agreed, as `loading.action_rows` read them), the rows of other entries (`row_state`), and text as
text (a lazy translation's repr would name the object, not its words; the language is in every
fragment's key). A kind not in `SHOWN` (the plan session's) is rendered every time, and so is
the section holding it. The page adds what the partials' links read (the workspace's slug).
"""

from koers.lib.pagecache import row_state
from koers.meetings.kinds import ItemKind


def _agreed(note) -> tuple:
    """What `_last_agreed.html` shows of a note."""
    return (note.session.starts_at, note.reasons, note.remedy) if note else ()


def _action(item) -> tuple:
    # Session mode sets `item.last_agreed`; on the agenda it is the row's (`action.shown`).
    return (item.action.shown, _agreed(item.last_agreed))


def _actions(item) -> tuple:
    return tuple(a.shown for a in item.actions)


def _actions_and_strategies(item) -> tuple:
    """The priorities and the proposals name each action's strategy, read apart from it."""
    return tuple((a.shown, row_state(a.strategy)) for a in item.actions)


def _strategy_update(item) -> tuple:
    strategy, update = item.strategy, item.strategy_update
    return (
        row_state(strategy),
        row_state(strategy.owner),
        row_state(strategy.pending_owner),
        row_state(update),
        row_state(update.author) if update else (),
    )


def _evaluation_review(item) -> tuple:
    return tuple((row_state(e), e.session.starts_at) for e in item.entries)


def _signals(item) -> tuple:
    return tuple((row_state(s), row_state(s.trend)) for s in item.entries)


def _scenarios(item) -> tuple:
    return tuple((row_state(each), _estimates(each)) for each in item.entries)


def _estimates(scenario_set) -> tuple:
    return tuple((row_state(s), now, change) for s, now, change in scenario_set.scenarios_now)


def _child_plans(item) -> tuple | None:
    # `portfolio.ChildPlan.shown`; the outline's stand-ins (None) have none.
    if any(entry is None for entry in item.entries):
        return None
    return tuple(entry.shown for entry in item.entries)


def _stand_ins(item) -> tuple | None:
    """The agenda page only names the shifts of the period (stand-ins, True: loading.py); the
    pre-read and session mode show them, not kept here."""
    return () if all(entry is True for entry in item.entries) else None


def _text(item) -> tuple:
    return ()


# Kind -> what its partial shows besides the item's kind and title (None: not kept this time).
SHOWN = {
    ItemKind.ATTENTION: _action,
    ItemKind.READY: _action,
    ItemKind.STRATEGY_UPDATE: _strategy_update,
    ItemKind.FINISHED: _actions,
    ItemKind.PRIORITIES: _actions_and_strategies,
    ItemKind.PROPOSALS: _actions_and_strategies,
    ItemKind.CHILD_PLANS: _child_plans,
    ItemKind.EVALUATION_REVIEW: _evaluation_review,
    ItemKind.SIGNALS: _signals,
    ItemKind.SCENARIOS: _scenarios,
    ItemKind.CANVAS_SHIFT: _stand_ins,
    ItemKind.TREND_SCORES: _stand_ins,
    # Their partials show a text of their own alone.
    ItemKind.EVALUATION: _text,
    ItemKind.NEW_ACTIONS: _text,
    ItemKind.OGSM_CHANGE: _text,
    ItemKind.FOLLOWUP: _text,
    ItemKind.CONCLUSIONS: _text,
    ItemKind.STEP: _text,
}


def item_shown(item) -> tuple | None:
    """The key of `item`'s block: its kind, its title and what its partial shows."""
    shown = SHOWN.get(item.kind)
    parts = shown(item) if shown else None
    return None if parts is None else (item.kind, str(item.title), parts)


def section_shown(section) -> tuple | None:
    """The key of a section's block: its title, its intro and its items' keys; None when it
    has no items (its slot or its intro alone) or an item that is not kept."""
    items = tuple(item.shown for item in section.items)
    if not items or None in items:
        return None
    return (section.key, str(section.title), str(section.intro), items)
