"""Rows read once, kept as the database returned them: the key of a kept block and, only when
the block is rendered, its model instances (docs/architecture.md, "Fast right after a change:
fragments").

Every change bumps the workspace revision, so a page is rendered afresh after each one, while
most of its repeated blocks (a plan's measures, a hundred actions, a SWOT's items, 300 KPIs)
did not change. Building a model instance of every row only to find its block kept cost more
than the rest of such a page. `Rows(queryset)` runs the queryset's one query (whatever it says:
`select_related`, annotations, `only`/`defer`, order, slice) and keeps its rows unconverted, as
the database driver returns them (`rows.state`: converting SQLite's dates from text cost a third
of the read, and a key needs no conversion). The instances are made from those same rows as
iterating the queryset would make them (Django's `ModelIterable`: related rows set, annotations
as attributes), only when asked for (`rows.objects`, iterating, `rows.part(...)`), without
asking the database again.

Why the state covers what a block built from the rows shows: it holds every value the instances
are made of (each selected column of each row and of every related row selected, and each
annotation), and the instances hold nothing else. Equal state makes equal instances, so an equal
block, whichever field a template reads. What the state does not hold a template must not read:
a relation that is not selected (`select_related`) or a deferred column (`only`/`defer`) would be
loaded per row (a query each, which the query-count tests catch) and would not be in the key: add
it to the queryset. Fields that change nothing a page shows (`pagecache.UNSHOWN_FIELDS`: a
user's password hash) are deferred on every model read, so they never reach a key. With columns
deferred, `row_state` of an instance misses them: key such a block on the state.
"""

import copy
from functools import cached_property

from django.db.models.query import get_related_populators
from django.db.models.sql.constants import MULTI
from django.utils.functional import SimpleLazyObject

from koers.lib.pagecache import UNSHOWN_FIELDS


class Rows:
    """The rows of `queryset` (a queryset of model instances, no `values()`, no prefetch), in its
    order: `state` (a tuple of rows, each a tuple of stored values, for a key), `column(name)`,
    and the instances (`objects`, or iterating) made of them once, on demand. `len()` and truth
    count the rows without building them."""

    def __init__(self, queryset):
        if queryset._fields is not None or queryset._prefetch_related_lookups:
            raise ValueError("Rows reads a queryset of model instances, without prefetches")
        unshown = _unshown(queryset.model, queryset.query.select_related)
        if unshown:
            queryset = queryset.defer(*unshown)
        self._db = queryset.db
        self._known = list(queryset._known_related_objects.items())  # a related manager's
        self._compiler = queryset.query.get_compiler(using=self._db)
        chunks = self._compiler.execute_sql(MULTI)
        self.state = tuple(tuple(row) for chunk in chunks for row in chunk)
        self._objects = None

    def __len__(self) -> int:
        return len(self.state)

    def __iter__(self):
        return iter(self.objects)

    def column(self, name: str) -> list:
        """One value of every row as stored: a column of the rows (`"id"`, `"status"`), of a
        related row selected (`"strategy__title"`) or an annotation, to count, filter or group
        by without building anything."""
        if not self.state:
            return []
        at = self._positions[name]
        return [row[at] for row in self.state]

    def part(self, positions) -> "Rows":
        """The rows at `positions` (indexes into `state`) as `Rows` of their own, from the same
        read: a group of them (a strategy's measures) or those whose block must be rendered."""
        part = copy.copy(self)
        part.state, part._objects = tuple(self.state[at] for at in positions), None
        return part

    @property
    def objects(self) -> list:
        """The instances, made of `state` on first use (as the queryset would have made them)."""
        if self._objects is None:
            self._objects = self._build() if self.state else []
        return self._objects

    @cached_property
    def _positions(self) -> dict:
        """Each value's position in a row: `attname`, `relation__attname`, annotation name."""
        select, positions = self._compiler.select, {}

        def walk(info, prefix):
            for at in info["select_fields"]:
                positions[prefix + select[at][0].target.attname] = at
            for related in info.get("related_klass_infos", ()):
                field = related["field"]
                name = field.related_query_name() if related["reverse"] else field.name
                walk(related, f"{prefix}{name}__")

        walk(self._compiler.klass_info, "")
        positions.update(self._compiler.annotation_col_map)
        return positions

    def _build(self) -> list:
        compiler, db = self._compiler, self._db
        info = compiler.klass_info
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in compiler.select[start:end]]
        populators = get_related_populators(info, compiler.select, db)
        made = []
        for row in compiler.results_iter([self.state]):  # each field's converters
            obj = info["model"].from_db(db, names, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, at in compiler.annotation_col_map.items():
                setattr(obj, name, row[at])
            for field, known in self._known:  # the workspace of `workspace.plans`
                value = getattr(obj, field.attname)
                if value in known and not field.is_cached(obj):
                    field.set_cached_value(obj, known[value])
            made.append(obj)
        return made


def _unshown(model, selected, prefix: str = "") -> list[str]:
    """The `UNSHOWN_FIELDS` of `model` and of the relations `selected` (`select_related`'s
    tree), as `defer` names them."""
    names = [prefix + f.attname for f in model._meta.concrete_fields if f.attname in UNSHOWN_FIELDS]
    for name, below in selected.items() if isinstance(selected, dict) else ():
        related = model._meta.get_field(name).related_model
        names += _unshown(related, below, f"{prefix}{name}__")
    return names


def lazy(make):
    """What `make()` returns, made when a template first reads it (inside a kept block that is
    rendered), never on a hit."""
    return SimpleLazyObject(make)
