"""Model instances from fixed SQL, for the few lookups made on every single request.

Building an ORM query's SQL costs 0.3–1.3 ms of Python each time; running it takes a tenth of
that. The session, the user and the permission door are looked up on every request, so a page
served from the cache spent over a third of its time compiling the same three queries. Those
lookups use SQL written once instead. Each column still goes through its field's own database
converters and the row becomes an ordinary instance (`Model.from_db`), so what the rest of the
code receives is exactly what the ORM would have returned.
"""

import threading
from functools import cache

from django.db import connections


def quote(name: str, using: str = "default") -> str:
    return connections[using].ops.quote_name(name)


def table(model, using: str = "default") -> str:
    return quote(model._meta.db_table, using)


def columns(model, alias: str, using: str = "default") -> str:
    """The model's concrete columns as `alias."column"`, in field order (see `instance`)."""
    return ", ".join(f"{alias}.{quote(f.column, using)}" for f in model._meta.concrete_fields)


def instance(model, values, using: str = "default"):
    """An instance of `model` from its columns' raw values, as selected by `columns`."""
    connection = connections[using]
    converted = []
    for value, col, converters in zip(values, *_converters(model, using), strict=True):
        for convert in converters:
            value = convert(value, col, connection)
        converted.append(value)
    return model.from_db(using, _attnames(model), converted)


def value(model, attname: str, raw, using: str = "default"):
    """One column's raw value as the model's field would return it (say, a computed MAX)."""
    connection = connections[using]
    position = _attnames(model).index(attname)
    cols, converters = _converters(model, using)
    for convert in converters[position]:
        raw = convert(raw, cols[position], connection)
    return raw


_local = threading.local()


def _converters(model, using: str) -> tuple[list, list]:
    """Each column and its converters; kept per thread, as each thread has its own connection."""
    cached = _local.__dict__.setdefault("converters", {})
    if (model, using) not in cached:
        connection = connections[using]
        cols = [f.get_col(model._meta.db_table) for f in model._meta.concrete_fields]
        cached[model, using] = (
            cols,
            [connection.ops.get_db_converters(c) + c.get_db_converters(connection) for c in cols],
        )
    return cached[model, using]


@cache
def _attnames(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def fetch_one(sql: str, params, using: str = "default"):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()
