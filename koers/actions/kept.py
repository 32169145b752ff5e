"""The action list's rows and the board's cards, kept between renders under what they show.

An update posted bumps the workspace revision, so the next reader gets the list rendered
afresh; of its hundred rows one changed. The view reads, for every listed action, only the
columns its row or card shows (`ACTION`, and `OWNER`, `INVITE`, `STRATEGY` of the rows it
leads to) in one query that builds no model instances (building a hundred actions with their
owners and strategies took most of a render), keys each row on those values
(`pagecache.cached_fragments`) and renders only the rows not kept, from instances made of the
same values.

Why the key covers the row: the instances hold nothing but the values in the key; any other
column is deferred, so a template that starts to show one would load it with a query per row,
which `tests/test_query_counts.py` (10 actions against 200) catches. Add the column here then.
"""

from django.db.models import DEFERRED
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from koers.accounts.models import Invite, User
from koers.actions.models import Action
from koers.lib.pagecache import CSRF_PLACEHOLDER, cached_fragments
from koers.plans.models import Strategy

ACTION = (
    "id",
    "strategy_id",
    "title",
    "owner_id",
    "pending_owner_id",
    "due_date",
    "status",
    "progress",
    "colour",
    "proposed",
    "last_update_at",
)
OWNER = ("first_name", "last_name", "username")  # User.display_name
INVITE = ("name", "email", "expires_at", "accepted_at", "revoked_at")  # Invite.display_name
STRATEGY = ("title",)
RELATED = (
    ("owner", User, OWNER),
    ("pending_owner", Invite, INVITE),
    ("strategy", Strategy, STRATEGY),
)


class Row:
    """One listed action as the list and board place it: its values (the key) and its HTML."""

    __slots__ = ("values", "pk", "strategy_id", "strategy_title", "status", "html")

    def __init__(self, values):
        self.values = values
        self.pk, self.strategy_id = values[0], values[1]
        self.status = values[ACTION.index("status")]
        self.strategy_title = values[-1]  # STRATEGY's only column, the last
        self.html = ""


def shown_rows(actions) -> list[Row]:
    """The actions of the queryset `actions` (filtered and ordered) as rows: one query."""
    columns = [*ACTION, *(f"{name}__{f}" for name, _model, fields in RELATED for f in fields)]
    return [Row(values) for values in actions.values_list(*columns)]


def _partial(model, values: dict, db: str):
    """An instance holding only `values`; every other column deferred (see the module)."""
    fields = model._meta.concrete_fields
    return model.from_db(db, list(values), [values.get(f.attname, DEFERRED) for f in fields])


def instance(row: Row, db: str = "default") -> Action:
    """The action (with its owner, invited owner and strategy) made of the row's values alone."""
    values = iter(row.values)
    action = _partial(Action, {name: next(values) for name in ACTION}, db)
    for name, model, fields in RELATED:
        related = {f: next(values) for f in fields}
        related_id = getattr(action, f"{name}_id")
        if related_id is not None:
            setattr(action, name, _partial(model, {"id": related_id, **related}, db))
    return action


def render_rows(rows: list[Row], name: str, template: str, context: dict, parts: tuple) -> None:
    """Set each row's `html`: `template` rendered with `context` and the row's `action`, kept
    under the row's values and `parts` (what else it shows: links, rights, the view). Only
    while a cached page is made (the HTML holds the CSRF placeholder)."""

    def render(pks):
        made, missing = {}, {row.pk: row for row in rows if row.pk in set(pks)}
        compiled = get_template(template).template
        for pk, row in missing.items():
            made[pk] = compiled.render(
                Context({**context, "csrf_token": CSRF_PLACEHOLDER, "action": instance(row)})
            )
        return made

    parts = repr(parts)  # once, not per row (the rights are a dozen enum members)
    html = cached_fragments(name, {row.pk: (row.values, parts) for row in rows}, render)
    for row in rows:
        row.html = html[row.pk]


class Run:
    """Consecutive rows shown together (a strategy's rows, a board column): their HTML joined,
    so the page's template loops over a few runs instead of every row."""

    def __init__(self, rows: list[Row]):
        first = rows[0] if rows else None
        self.strategy_id = first.strategy_id if first else None
        self.strategy_title = first.strategy_title if first else ""
        self.count = len(rows)
        self.html = mark_safe("".join(row.html for row in rows))  # noqa: S308 (rendered HTML)


def runs_by_strategy(rows: list[Row]) -> list[Run]:
    """The rows cut where the strategy changes (the list in plan order shows a heading there)."""
    runs: list[list[Row]] = []
    for row in rows:
        if not runs or runs[-1][-1].strategy_id != row.strategy_id:
            runs.append([])
        runs[-1].append(row)
    return [Run(run) for run in runs]
