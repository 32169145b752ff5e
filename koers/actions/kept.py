"""The action list's rows and the board's cards, kept between renders under what they show.

An update posted bumps the workspace revision, so the next reader gets the list rendered
afresh; of its hundred rows one changed. The view reads, for every listed action, only the
columns its row or card shows (`ACTION`, and `OWNER`, `INVITE`, `STRATEGY` of the rows it
leads to) in one query that builds no model instances (`koers.lib.keptrows.Rows`: building a
hundred actions with their owners and strategies took most of a render), keys each row on its
stored values (`pagecache.cached_fragments`) and renders only the rows not kept, from instances
made of the same values.

Why the key covers the row: the instances hold nothing but the values in the key; any other
column is deferred (`only`), so a template that starts to show one would load it with a query
per row, which `tests/test_query_counts.py` (10 actions against 200) catches. Add the column
here then.
"""

from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from koers.lib.keptrows import Rows
from koers.lib.pagecache import CSRF_PLACEHOLDER, cached_fragments
from koers.lib.rowurls import set_urls

ACTION = (
    "strategy",
    "title",
    "owner",
    "pending_owner",
    "due_date",
    "status",
    "progress",
    "colour",
    "proposed",
    "last_update_at",
)  # and the id, always read
OWNER = ("first_name", "last_name", "username")  # User.display_name
INVITE = ("name", "email", "expires_at", "accepted_at", "revoked_at")  # Invite.display_name
STRATEGY = ("title",)
RELATED = {"owner": OWNER, "pending_owner": INVITE, "strategy": STRATEGY}


class Row:
    """One listed action as the list and board place it: its stored values (the key), the rows
    it was read with and where (`read`, `at`: to make its instance) and its HTML."""

    __slots__ = ("values", "read", "at", "pk", "strategy_id", "strategy_title", "status", "html")

    def __init__(self, read, at, pk, strategy_id, strategy_title, status):
        self.values, self.read, self.at = read.state[at], read, at
        self.pk, self.strategy_id, self.strategy_title = pk, strategy_id, strategy_title
        self.status, self.html = status, ""


def shown_rows(actions) -> list[Row]:
    """The actions of the queryset `actions` (filtered and ordered) as rows: one query."""
    related = [f"{name}__{f}" for name, fields in RELATED.items() for f in fields]
    read = Rows(actions.select_related(None).select_related(*RELATED).only(*ACTION, *related))
    columns = [read.column(c) for c in ("id", "strategy_id", "strategy__title", "status")]
    return [Row(read, at, *values) for at, values in enumerate(zip(*columns, strict=True))]


def render_rows(
    rows: list[Row], name: str, template: str, context: dict, parts: tuple, urls: dict
) -> None:
    """Set each row's `html`: `template` rendered with `context` and the row's `action`, kept
    under the row's values and `parts` (what else it shows: links, rights, the view). `rows`:
    of one `shown_rows`. The action's links are `urls` (`koers.lib.rowurls.row_urls`, reversed
    once for all rows): `action.<attr>_url`. Only while a cached page is made (the HTML holds
    the CSRF placeholder)."""

    def render(pks):
        wanted = set(pks)
        missing = [row for row in rows if row.pk in wanted]
        compiled = get_template(template).template
        made = set_urls(missing[0].read.part([row.at for row in missing]).objects, urls)
        return {
            row.pk: compiled.render(
                Context({**context, "csrf_token": CSRF_PLACEHOLDER, "action": action})
            )
            for row, action in zip(missing, made, strict=True)
        }

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
