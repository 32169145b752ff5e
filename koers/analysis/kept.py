"""Rows read once as plain values: the key of a kept block and, only when it is rendered, its
model instances (koers.lib.pagecache fragments; docs/architecture.md, "Fast right after a
change: fragments").

A change anywhere bumps the workspace revision, so the analysis pages are rendered afresh after
every action update; their lists (SWOT items, trends, ideas, canvas items) rarely changed. Keying
a list's block on each row's `row_state` still means building hundreds of model instances just
to find the block unchanged. `Rows(queryset, "trend", "action__strategy")` reads, in the one
query the page made anyway, every stored column of each row and of the related rows named (the
columns `row_state` holds: a `values_list` query, its rows as the database driver returns them,
no instances), so `rows.state` covers whatever a block built from them can show, whichever field
a template reads. `rows.objects` converts the same rows and builds the instances (with those
relations set, as `select_related` would) only when the block is rendered: on a hit nothing is
built, and the page makes no extra query either way. A template must read no relation that is
not named (it would cost a query per row, and its row would not be in the key).
"""

from django.db.models.sql.constants import MULTI
from django.utils.functional import SimpleLazyObject

from koers.lib.pagecache import UNSHOWN_FIELDS


def _columns(model, leave=()) -> list[str]:
    unread = UNSHOWN_FIELDS.union(leave)
    return [f.attname for f in model._meta.concrete_fields if f.attname not in unread]


def _related_model(model, path: str):
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


class Rows:
    """The rows of `queryset` (ordered, possibly sliced) with the related rows on `relations`
    (forward foreign keys, `"action__strategy"` style), and `extra` values per row (annotations
    of the queryset, set on each instance). `leave`: large columns of the rows themselves that
    the block never shows (a canvas version's snapshot): they are neither read nor in the key,
    so a block that showed them would be stale (and cost a query per row)."""

    def __init__(self, queryset, *relations, extra=(), limit=None, leave=()):
        model = queryset.model
        paths = []
        for path in relations:  # a relation's parents first: "action" before "action__strategy"
            parts = path.split("__")
            for end in range(1, len(parts) + 1):
                if "__".join(parts[:end]) not in paths:
                    paths.append("__".join(parts[:end]))
        self._shape = [("", model, _columns(model, leave))]
        self._shape += [
            (p, _related_model(model, p), _columns(_related_model(model, p))) for p in paths
        ]
        names = [f"{p}__{c}" if p else c for p, _model, cols in self._shape for c in cols]
        self.extra = tuple(extra)
        listed = queryset.values_list(*names, *self.extra)
        listed = listed if limit is None else listed[:limit]
        # The rows as the database gives them: the key needs no conversion (dates parsed from
        # text on SQLite cost a third of the read); `objects` converts them as `values_list`
        # would (its own compiler's `results_iter`), only on a miss.
        self._compiler = listed.query.get_compiler(using=listed.db)
        chunks = self._compiler.execute_sql(MULTI)
        self.state = tuple(tuple(row) for chunk in chunks for row in chunk)
        self._db, self._objects = listed.db, None

    def __len__(self):
        return len(self.state)

    def column(self, name: str) -> list:
        """One column of the rows themselves (not of a relation) as stored: ids, text, to count
        or filter by without building."""
        return [row[self._shape[0][2].index(name)] for row in self.state]

    @property
    def objects(self) -> list:
        if self._objects is None:
            converted = self._compiler.results_iter(results=[self.state], tuple_expected=True)
            self._objects = [self._build(row) for row in converted] if self.state else []
        return self._objects

    def _build(self, row):
        made, at = {}, 0
        for path, model, cols in self._shape:
            values = row[at : at + len(cols)]
            at += len(cols)
            pk = values[cols.index(model._meta.pk.attname)]
            obj = None if pk is None else model.from_db(self._db, cols, values)
            if path:
                parent_path, _sep, name = path.rpartition("__")
                parent = made[parent_path]
                if parent is not None:
                    setattr(parent, name, obj)  # cached (None too), as select_related leaves it
            made[path] = obj
        root = made[""]
        for name, value in zip(self.extra, row[at:], strict=True):
            setattr(root, name, value)
        return root


def lazy(make):
    """What `make()` returns, made when a template first reads it (inside a kept block that is
    rendered), never on a hit."""
    return SimpleLazyObject(make)
