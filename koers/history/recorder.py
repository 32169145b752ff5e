"""One mechanism writes the change log: model signals on every Koers model of a workspace.

Like the workspace revision (koers.accounts.revision), the recorder is connected at start-up to
every model that belongs to a workspace, so a model added later is logged without anyone
remembering to. `pre_save` reads the stored row (one query, writes only), `post_save` and
`post_delete` write one `Change` per changed field in one INSERT, inside the caller's
transaction (the rules are `transaction.atomic`, and `save_versioned` sends both signals
within its own). Who and from where come from `koers.history.context`.

Writes that skip model signals (`QuerySet.update`, `bulk_create`, `bulk_update`) are not
logged: use them only for bookkeeping nobody needs the history of (positions, counters).
"""

import datetime
from decimal import Decimal
from functools import cache

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save

from koers.accounts.models import Workspace
from koers.accounts.revision import path_to_workspace
from koers.history.context import current
from koers.history.models import Change, Event
from koers.lib import rows

# Models whose rows are bookkeeping, not content: notices sent, invitation tokens, votes.
SKIP_MODELS = {"accounts.invite", "meetings.notice", "analysis.vote", "meetings.receivedreply"}
# Fields that change with every save or hold bookkeeping, not content.
SKIP_FIELDS = {"version", "updated_at", "created_at", "entered_at", "revision", "position"}
SKIP_FIELDS |= {"content", "base", "token", "password", "digest", "last_used_at"}
# A row's wait for a strategy in the draft (koers.plans.awaiting): the strategy it then gets is
# logged, the draft's internal key is not.
SKIP_FIELDS |= {"pending_draft", "pending_key"}

_PATHS: dict = {}


def label(model) -> str:
    return model._meta.label_lower


def follow_all_models() -> None:
    for model in apps.get_models():
        if not model.__module__.startswith("koers.") or label(model) in SKIP_MODELS:
            continue
        path = path_to_workspace(model)
        if path is None:
            continue
        _PATHS[model] = path
        uid = f"history:{label(model)}"
        pre_save.connect(_remember_stored, sender=model, dispatch_uid=uid)
        post_save.connect(_record_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_record_delete, sender=model, dispatch_uid=uid)


def is_followed(model) -> bool:
    return model in _PATHS


def tracked_fields(model) -> list:
    return [
        f for f in model._meta.concrete_fields if not f.primary_key and f.name not in SKIP_FIELDS
    ]


def _remember_stored(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return
    names = [f.attname for f in tracked_fields(sender)]
    instance._history_stored = sender._base_manager.filter(pk=instance.pk).values(*names).first()


def _record_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        _write(sender, instance, [(Event.CREATED, "", "", _text(instance))])
        return
    stored = instance.__dict__.pop("_history_stored", None)
    if stored is None:
        return
    changes = []
    for field in tracked_fields(sender):
        if update_fields is not None and field.name not in update_fields:
            continue
        old, new = stored[field.attname], getattr(instance, field.attname)
        if _same(old, new):
            continue
        changes.append((Event.CHANGED, field.name, _show(field, old), _show(field, new)))
    if changes:
        _write(sender, instance, changes)


def _record_delete(sender, instance, **kwargs):
    _write(sender, instance, [(Event.DELETED, "", _text(instance), "")])


def _write(model, instance, changes) -> None:
    workspace_id = _workspace_of(model, instance)
    if workspace_id is None:  # the workspace itself is going
        return
    where = current()
    session_id = where.session_id or _session_of(instance)
    common = {
        "workspace_id": workspace_id,
        "actor_id": where.actor_id,
        "actor_name": where.actor_name[:200],
        "source": where.source[:120],
        "source_path": where.source_path,
        "session_id": session_id,
        "kind": label(model),
        "object_id": instance.pk,
        "object_repr": _text(instance)[:200],
    }
    Change.objects.bulk_create(
        [Change(**common, event=e, field=f, old=o, new=n) for e, f, o, n in changes]
    )


def _session_of(instance):
    """A decision or agenda note links its history to its session."""
    value = getattr(instance, "session_id", None)
    return value if isinstance(value, int) else None


def _workspace_of(model, instance):
    """The instance's workspace id: through related rows already loaded, else one fixed query."""
    path = _PATHS[model]
    if not path:
        return instance.pk
    current = instance
    for index, field in enumerate(path):
        loaded = field.get_cached_value(current, default=None)
        if loaded is None:
            value = getattr(current, field.attname)
            if value is None or index == len(path) - 1:
                return value
            sql = _workspace_sql(tuple(path[index + 1 :]))
            row = rows.fetch_one(sql, {"id": value}, Workspace.objects.db)
            return row["workspace_id"] if row else None
        current = loaded
    return current.pk


@cache
def _workspace_sql(hops: tuple) -> str:
    """The workspace id reached from a row id through `hops`; fixed SQL, built once per path."""
    q = rows.quote
    sql = "%(id)s"
    for step, field in enumerate(hops, start=1):
        table, pk = q(field.model._meta.db_table), q(field.model._meta.pk.column)
        column = q(field.column) + (" AS workspace_id" if step == len(hops) else "")
        sql = f"SELECT {column} FROM {table} WHERE {pk} IN ({sql})"  # noqa: S608
    return sql


def _same(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        try:
            return old is not None and new is not None and Decimal(old) == Decimal(new)
        except (TypeError, ValueError, ArithmeticError):
            return False
    return old == new


def _text(instance) -> str:
    try:
        return str(instance)
    except Exception:  # noqa: BLE001 - a __str__ reaching a deleted row must not stop the write
        return f"#{instance.pk}"


def _show(field, value) -> str:
    """A value as people read it: a related row by its name, decimals without trailing zeros."""
    if value is None or value == "":
        return ""
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        if related is None:
            return f"#{value}"
        return getattr(related, "display_name", None) or _text(related)  # people by name
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)
