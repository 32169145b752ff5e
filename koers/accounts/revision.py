"""`Workspace.revision`: bumped by every change to anything the workspace's pages show.

Cached pages (koers.lib.pagecache) are stored under the revision they were rendered at, so a
change makes every older copy unreachable: nothing has to be found and invalidated. The bump is
connected to every Koers model that belongs to a workspace (found by following its foreign keys
to Workspace), so a model added later is covered without anyone remembering to. Writes that skip
model signals (`QuerySet.update`, `bulk_create`) call `touch_workspaces` themselves; versioned
saves send `post_save` (koers.lib.versioning).
"""

from collections import deque
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from koers.accounts.models import Workspace
from koers.lib import rows

_PATHS: dict = {}  # model -> its foreign keys leading to Workspace, shortest first


def touch_workspaces(**filters) -> None:
    """Bump the revision of the workspaces matching `filters` (e.g. pk=…, plans=…)."""
    Workspace.objects.filter(**filters).update(revision=F("revision") + 1)


def path_to_workspace(model) -> list | None:
    """The foreign keys leading from `model` to Workspace ([] for Workspace, None if none).

    Through required keys when such a path exists: an optional one (an action's invited
    owner) is often empty, and would then lead nowhere."""
    return _shortest_path(model, required_only=True) or _shortest_path(model, required_only=False)


def _shortest_path(model, required_only: bool) -> list | None:
    user = get_user_model()
    queue, seen = deque([(model, [])]), {model}
    while queue:
        current, path = queue.popleft()
        if current is Workspace:
            return path
        for field in current._meta.concrete_fields:
            target = field.related_model
            if required_only and field.null:
                continue
            if (field.many_to_one or field.one_to_one) and target not in (user, *seen):
                seen.add(target)
                queue.append((target, [*path, field]))
    return None


def touch_workspace_of(model, pk) -> None:
    """Bump the revision of the workspace the `model` row `pk` belongs to."""
    _execute(_bump_sql(tuple(_PATHS[model])), pk)


def _touch_for_instance(sender, instance, **kwargs):
    path = _PATHS[sender]
    if not path:
        touch_workspaces(pk=instance.pk)
        return
    # Start from the instance's own foreign key value: after a delete its row is gone, but the
    # rows it pointed at are still there (a cascade deletes children first).
    value = getattr(instance, path[0].attname)
    if value is not None:
        _execute(_bump_sql(tuple(path[1:])), value)


def _execute(sql: str, value) -> None:
    with connections[Workspace.objects.db].cursor() as cursor:
        cursor.execute(sql, {"id": value})


@cache
def _bump_sql(hops: tuple) -> str:
    """UPDATE the workspace reached from a row id through `hops` (foreign keys, in order).

    Fixed SQL, built once per path: a write holds the database's write lock while this runs,
    and compiling the same ORM update on every save kept the other writers waiting.
    """
    # Only quoted identifiers from the models' metadata are formatted in; the id is a parameter.
    q = rows.quote
    ids = "%(id)s"
    for field in hops:
        table, pk = q(field.model._meta.db_table), q(field.model._meta.pk.column)
        ids = f"SELECT {q(field.column)} FROM {table} WHERE {pk} IN ({ids})"  # noqa: S608
    table, pk, revision = rows.table(Workspace), q(Workspace._meta.pk.column), q("revision")
    return f"UPDATE {table} SET {revision} = {revision} + 1 WHERE {pk} IN ({ids})"  # noqa: S608


def _touch_for_m2m(sender, instance, action, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if type(instance) in _PATHS:
        _touch_for_instance(type(instance), instance)
    elif pk_set and model in _PATHS:  # changed from the other side, e.g. user.actions.add(…)
        lookup = "__".join(f.name for f in _PATHS[model]) or "pk"
        touch_workspaces(pk__in=model._default_manager.filter(pk__in=pk_set).values(lookup))
    else:
        touch_workspaces()  # a reverse clear: which rows went is no longer known; rare


def follow_all_models() -> None:
    """Connect the bump to every Koers model that belongs to a workspace."""
    for model in apps.get_models():
        if not model.__module__.startswith("koers."):
            continue
        path = path_to_workspace(model)
        if path is None:
            continue
        _PATHS[model] = path
        post_save.connect(_touch_for_instance, sender=model, dispatch_uid=f"revision:{model}")
        post_delete.connect(_touch_for_instance, sender=model, dispatch_uid=f"revision-:{model}")
        for m2m in model._meta.many_to_many:
            through = m2m.remote_field.through
            m2m_changed.connect(_touch_for_m2m, sender=through, dispatch_uid=f"revision:{through}")
