"""Fixed SQL for the few statements the ORM cannot write well: the lookups made on every single
request (the session with its user, the permission doors) and following a chain of foreign
keys up to a workspace in one statement (the revision bump, the change log).

Why the hot lookups are not ORM queries: building an ORM query's SQL costs 0.3–1.3 ms of Python
each time, running it a tenth of that; measured on the plan door, the ORM's version took ten
times as long as this one, which a page served from the cache would feel. Each column still
goes through its field's own database converters and becomes an ordinary instance
(`Model.from_db`), so the rest of the code receives exactly what the ORM would have returned.

Only quoted identifiers from the models' metadata are formatted into such SQL. Values are named
parameters (`%(slug)s`); every column is selected under a name (`alias__attname`, see
`columns`), and rows come back as dicts keyed by those names, never read by position.
"""

import threading
from functools import cache

from django.db import connections


def quote(name: str, using: str = "default") -> str:
    return connections[using].ops.quote_name(name)


def table(model, using: str = "default") -> str:
    return quote(model._meta.db_table, using)


def columns(model, alias: str, using: str = "default") -> str:
    """The model's concrete columns as `alias."column" AS "alias__attname"` (see `instance`)."""
    return ", ".join(
        f"{alias}.{quote(f.column, using)} AS {quote(f'{alias}__{f.attname}', using)}"
        for f in model._meta.concrete_fields
    )


def instance(model, row: dict, alias: str, using: str = "default"):
    """An instance of `model` from a row that selected its `columns(model, alias)`; None when
    its primary key is NULL (a LEFT JOIN that found nothing)."""
    connection = connections[using]
    names = _attnames(model)
    if row[f"{alias}__{model._meta.pk.attname}"] is None:
        return None
    converted = []
    for name, col, converters in zip(names, *_converters(model, using), strict=True):
        value = row[f"{alias}__{name}"]
        for convert in converters:
            value = convert(value, col, connection)
        converted.append(value)
    return model.from_db(using, names, converted)


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


def fetch_one(sql: str, params: dict, using: str = "default") -> dict | None:
    """The first row of `sql` as {column name: value}, or None."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip((column[0] for column in cursor.description), row, strict=True))
