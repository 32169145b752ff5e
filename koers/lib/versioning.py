"""Optimistic concurrency: a save succeeds only if nobody saved the row since it was read."""

from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext_lazy

# Lazy: it is read in each editor's language, not once in the language of start-up.
STALE_MESSAGE = gettext_lazy(
    "Someone else saved a change while you were editing. Check their version below; "
    "your input is kept, save again to overwrite it."
)


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
        # Listeners that compare with the stored row (the change log) read it before it changes.
        pre_save.send(
            sender=type(obj),
            instance=obj,
            raw=False,
            using=manager.db,
            update_fields=frozenset([*fields, "version"]),
        )
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


def unsaved_default(model, **values):
    """A row that holds the method's defaults until someone edits it, so reading a page never
    writes. Version 0 makes an edit of it conflict with one saved meanwhile."""
    return model(**values, version=0)


def save_or_create_versioned(obj: Model, fields: list[str], expected_version: int) -> None:
    """`save_versioned`, or for an `unsaved_default` its first save. The row is unique per
    owner (a one-to-one), so of two first saves racing, the second is a StaleEdit."""
    if obj.pk is not None:
        save_versioned(obj, fields, expected_version)
        return
    obj.version = 1
    try:
        with transaction.atomic(using=type(obj)._default_manager.db):
            obj.save()
    except IntegrityError as error:
        raise StaleEdit from error
