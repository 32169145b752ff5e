"""Optimistic concurrency: a save succeeds only if nobody saved the row since it was read."""

from django.db import transaction
from django.db.models import F, Model
from django.db.models.signals import post_save


class StaleEdit(Exception):
    """Someone else saved this object after the editor loaded it."""


def save_versioned(obj: Model, fields: list[str], expected_version: int) -> None:
    """Write `fields` of `obj` if its stored version is still `expected_version`.

    One conditional UPDATE, so two editors racing can never both win, on SQLite or PostgreSQL.
    """
    values = {name: getattr(obj, name) for name in fields}
    manager = type(obj)._default_manager
    unchanged = manager.filter(pk=obj.pk, version=expected_version)  # built before the lock
    with transaction.atomic(using=manager.db):
        updated = unchanged.update(**values, version=F("version") + 1)
        if not updated:
            raise StaleEdit
        # It is a save: what follows saves (the revision of cached pages) must hear it, within
        # the same transaction, so no reader sees the new row under the old revision.
        post_save.send(
            sender=type(obj),
            instance=obj,
            created=False,
            update_fields=frozenset([*fields, "version"]),
            raw=False,
            using=manager.db,
        )
    obj.version = expected_version + 1
