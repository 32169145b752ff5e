"""Fixed SQL for the few statements the ORM cannot write as one: following a chain of foreign
keys from a row id up to its workspace in one statement (the revision bump, the change log).

Only quoted identifiers from the models' metadata are formatted into such SQL; values are named
parameters (`%(id)s`), and rows come back as dicts keyed by column name, never by position.
"""

from django.db import connections


def quote(name: str, using: str = "default") -> str:
    return connections[using].ops.quote_name(name)


def table(model, using: str = "default") -> str:
    return quote(model._meta.db_table, using)


def fetch_one(sql: str, params: dict, using: str = "default") -> dict | None:
    """The first row of `sql` as {column name: value}, or None."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip((column[0] for column in cursor.description), row, strict=True))
