"""Optimistic concurrency: a save succeeds only if nobody saved the row since it was read."""

from django.db.models import F, Model


class StaleEdit(Exception):
    """Someone else saved this object after the editor loaded it."""


def save_versioned(obj: Model, fields: list[str], expected_version: int) -> None:
    """Write `fields` of `obj` if its stored version is still `expected_version`.

    One conditional UPDATE, so two editors racing can never both win, on SQLite or PostgreSQL.
    """
    values = {name: getattr(obj, name) for name in fields}
    manager = type(obj)._default_manager
    updated = manager.filter(pk=obj.pk, version=expected_version).update(
        **values, version=F("version") + 1
    )
    if not updated:
        raise StaleEdit
    obj.version = expected_version + 1
