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
import threading
from collections import OrderedDict
from functools import cached_property, partial

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model
from django.db.models.query import get_related_populators
from django.utils.functional import SimpleLazyObject
from django.utils.timezone import get_current_timezone_name

from koers.lib.pagecache import UNSHOWN_FIELDS


class Rows:
    """The rows of `queryset` (a queryset of model instances, no `values()`, no prefetch), in its
    order: `state` (a tuple of rows, each a tuple of stored values, for a key), `column(name)`,
    and the instances (`objects`, or iterating) made of them once, on demand. `len()` and truth
    count the rows without building them."""

    def __init__(self, queryset):
        self._read(_Compiled(queryset))

    @classmethod
    def of(cls, build, **params) -> "Rows":
        """The rows of the queryset `build(**params)` returns, compiled once per process (and
        thread) for these `params`, then only run: building and compiling a queryset cost
        Django more than running it (the session agenda's actions: 5 of 13 ms; the child plans'
        requests: 3.7 ms against 0.3 ms in the database). `build` must make its queryset from
        `params` alone (hashable values: ids, dates, flags), reading neither the database nor
        the clock: what it reads is what the SQL is kept under. The active time zone is in the
        key too (a date lookup names it in the SQL)."""
        kept = _COMPILED.__dict__.setdefault("queries", OrderedDict())
        zone = get_current_timezone_name()
        key = (build.__module__, build.__qualname__, zone, tuple(sorted(params.items())))
        compiled = kept.get(key)
        if compiled is not None:
            kept.move_to_end(key)
            if settings.KEPT_QUERIES_CHECKED:
                _check_rebuilt(compiled, build, params)
        else:
            if any(isinstance(value, Model) for value in params.values()):
                raise ValueError("Rows.of is kept under its params: pass ids, not rows")
            compiled = _Compiled(build(**params))
            if compiled.known:  # a related manager's row would be handed out again, stale
                raise ValueError("Rows.of builds from ids, not from a related manager")
            kept[key] = compiled
            # The least recently used go first: My work keeps six per viewer, and a busy
            # process must not throw out the session pages' queries with them.
            while len(kept) > KEPT_QUERIES:
                kept.popitem(last=False)
        rows = cls.__new__(cls)
        rows._read(compiled)
        return rows

    def _read(self, compiled: "_Compiled") -> None:
        self._compiled, self._db, self._compiler = compiled, compiled.db, compiled.compiler
        self._known = compiled.known
        self.state = compiled.run()
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
        at = self._compiled.positions[name]
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


def _check_rebuilt(compiled: "_Compiled", build, params: dict) -> None:
    """The rule `Rows.of` trusts, checked where the test suite runs (`KEPT_QUERIES_CHECKED`): a
    `build` that read the clock or the database would be served its old SQL in production."""
    again = _Compiled(build(**params))
    if (again.sql, again.params) != (compiled.sql, compiled.params):
        raise AssertionError(
            f"{build.__qualname__} built another query for the same parameters: it reads "
            "something besides its parameters (the clock, the database), which Rows.of cannot key"
        )


# `Rows.of`'s compiled queries, per thread: a compiler belongs to its thread's connection.
_COMPILED = threading.local()
KEPT_QUERIES = 256


class _Compiled:
    """A queryset compiled once: its SQL and parameters, and the compiler that turns its rows
    into instances (`Rows._build`)."""

    def __init__(self, queryset):
        if queryset._fields is not None or queryset._prefetch_related_lookups:
            raise ValueError("Rows reads a queryset of model instances, without prefetches")
        query = queryset.query
        unshown = _unshown(queryset.model, query.select_related, query._filtered_relations)
        if unshown:
            queryset = queryset.defer(*unshown)
        self.db = queryset.db
        self.known = list(queryset._known_related_objects.items())  # a related manager's
        self.compiler = queryset.query.get_compiler(using=self.db)
        try:
            self.sql, self.params = self.compiler.as_sql()
        except EmptyResultSet:  # a filter that matches nothing (`pk__in=[]`)
            self.sql = None
        # Columns Django selects only to order by are cut off, as `execute_sql` does.
        extra = getattr(self.compiler, "has_extra_select", False)
        self.width = self.compiler.col_count if extra else None

    @cached_property
    def positions(self) -> dict:
        """Each value's position in a row: `attname`, `relation__attname`, annotation name."""
        select, positions = self.compiler.select, {}

        def walk(info, prefix):
            for at in info["select_fields"]:
                positions[prefix + select[at][0].target.attname] = at
            for related in info.get("related_klass_infos", ()):
                walk(related, f"{prefix}{_relation_name(related)}__")

        walk(self.compiler.klass_info, "")
        positions.update(self.compiler.annotation_col_map)
        return positions

    def run(self) -> tuple:
        """Every row as the database driver returns it, each a tuple."""
        if not self.sql:
            return ()
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, self.params)
            rows = cursor.fetchall()
        width = self.width
        return tuple(tuple(row[:width]) if width else tuple(row) for row in rows)


def _relation_name(related: dict) -> str:
    """How `select_related` names a relation of the compiler's `klass_info`: a field, a reverse
    one-to-one, or a `FilteredRelation`'s alias (Django sets that one with a `partial` of it)."""
    if not related["reverse"]:
        return related["field"].name
    setter = related["remote_setter"]
    if isinstance(setter, partial):
        return setter.args[0]
    return related["field"].related_query_name()


def _unshown(model, selected, aliases=None, prefix: str = "") -> list[str]:
    """The `UNSHOWN_FIELDS` of `model` and of the relations `selected` (`select_related`'s
    tree), as `defer` names them. A relation selected may be a `FilteredRelation`'s alias
    (`aliases`, the query's: the latest update joined as `latest`): followed to its model."""
    names = [prefix + f.attname for f in model._meta.concrete_fields if f.attname in UNSHOWN_FIELDS]
    for name, below in selected.items() if isinstance(selected, dict) else ():
        related = model
        for step in aliases[name].relation_name.split("__") if name in (aliases or {}) else [name]:
            related = related._meta.get_field(step).related_model
        names += _unshown(related, below, None, f"{prefix}{name}__")
    return names


def lazy(make):
    """What `make()` returns, made when a template first reads it (inside a kept block that is
    rendered), never on a hit."""
    return SimpleLazyObject(make)
