"""`Workspace.revision`: bumped by every change to anything the workspace's pages show.

Cached pages (koers.lib.pagecache) are stored under the revision they were rendered at, so a
change makes every older copy unreachable: nothing has to be found and invalidated. The bump is
connected to every Koers model that belongs to a workspace (found by following its foreign keys
to Workspace), so a model added later is covered without anyone remembering to. Writes that skip
model signals (`QuerySet.update`, `bulk_create`) call `touch_workspaces` themselves; versioned
saves send `post_save` (koers.lib.versioning).

Each plan has revisions of its own as well (`PlanRevision`), bumped next to the workspace's:
a saved or deleted row of a model whose path to the workspace passes through Plan bumps the
area of its model ("actions.action", "dashboard.kpitarget", …) of the plan reached, the
plan's own row its "plans.plan" area; writes without signals (`touch_workspace_of`,
`touch_workspaces`) bump the area ALL of the plans they reach, which every reader counts in
(`revision_of`). So a plan's revision for some areas changes with every write the workspace
revision sees of the plan's rows of those models, in the same transaction. A row that moved
to another plan bumps the plan it is in now: the one move there is (an action carried over by
`plans.rollover`) archives the old plan in the same transaction, which bumps its "plans.plan"
area, which every reader counts in (koers.dashboard.per_plan).
"""

from collections import deque
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save

from koers.accounts.models import PlanRevision, Workspace
from koers.lib import rows
from koers.lib.pagecache import row_state

_PATHS: dict = {}  # model -> its foreign keys leading to Workspace, shortest first
_PLAN_AT: dict = {}  # model -> index in its path of the key leading to Plan (-1: a Plan)
ALL = "*"  # the area bumped by writes whose rows are not known: every reader counts it


def workspace_state(workspace: Workspace) -> tuple:
    """The workspace's row as the key of a block that shows it (its name, slug, time zone) and
    is kept under rows of its own (My work): every stored value but the revision, which every
    write in the workspace moves and which would make the block anew after any change."""
    return row_state(workspace, leave_out=frozenset({"revision"}))


def touch_workspaces(**filters) -> None:
    """Bump the revision of the workspaces matching `filters` (e.g. pk=…, plans=…)."""
    Workspace.objects.filter(**filters).update(revision=F("revision") + 1)
    plans = apps.get_model("plans", "Plan").objects.filter(
        workspace__in=Workspace.objects.filter(**filters).values("pk")
    )
    sql, params = plans.order_by().values("pk").query.sql_with_params()
    with connections[Workspace.objects.db].cursor() as cursor:
        cursor.execute(_upsert_sql(sql, ALL), params)


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
    at = _PLAN_AT.get(model)
    if at is not None:
        _execute(_plan_bump_sql(tuple(_PATHS[model][: at + 1]), ALL), pk)


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
    at = _PLAN_AT.get(sender)
    if at == -1:
        _execute(_plan_bump_sql((), sender._meta.label_lower), instance.pk)
    elif at is not None:
        value = getattr(instance, path[0].attname)
        if value is not None:
            _execute(_plan_bump_sql(tuple(path[1 : at + 1]), sender._meta.label_lower), value)


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


@cache
def _plan_bump_sql(hops: tuple, area: str) -> str:
    """Bump the `area` revision of the plan reached from a row id through `hops` (as
    `_bump_sql`)."""
    q = rows.quote
    ids = "%(id)s"
    for field in hops:
        table, pk = q(field.model._meta.db_table), q(field.model._meta.pk.column)
        ids = f"SELECT {q(field.column)} FROM {table} WHERE {pk} IN ({ids})"  # noqa: S608
    return _upsert_sql(ids, area)


def _upsert_sql(plan_ids: str, area: str) -> str:
    """Add one to the `area` revision of each existing plan whose id `plan_ids` (a SELECT, or
    one parameter) gives."""
    q = rows.quote
    plan = apps.get_model("plans", "Plan")
    plans, pk = rows.table(plan), q(plan._meta.pk.column)
    table, revision, key = rows.table(PlanRevision), q("revision"), f"{q('plan_id')}, {q('area')}"
    if not area.replace(".", "_").isidentifier() and area != ALL:
        raise ValueError(area)  # a model's label, formatted in as a literal
    # The WHERE also keeps SQLite from reading the ON below as a join's.
    return (
        f"INSERT INTO {table} ({key}, {revision}) "  # noqa: S608
        f"SELECT {pk}, '{area}', 1 FROM {plans} WHERE {pk} IN ({plan_ids}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {revision} = {table}.{revision} + 1"
    )


def revision_of(areas, plan: str = "pk") -> Coalesce:
    """The revision of the plan `plan` names (an outer query's column) for the rows of the
    given areas (models' labels), to annotate a query with: the sum of those areas' counters and
    ALL's. Each counter only grows, so an equal sum means that none of them moved."""
    found = (
        PlanRevision.objects.filter(plan_id=OuterRef(plan), area__in=[*areas, ALL])
        .order_by()
        .values("plan_id")
        .annotate(total=Sum("revision"))
        .values("total")
    )
    return Coalesce(Subquery(found[:1]), 0)


def revision_sql(areas, plan_column: str, using: str = "default") -> str:
    """`revision_of` as fixed SQL (koers.lib.rows), for a door's own query: the revision for
    `areas` of the plan whose id the outer query's `plan_column` (quoted, with its alias) holds."""
    q = rows.quote
    for area in areas:
        if not area.replace(".", "_").isidentifier():
            raise ValueError(area)  # a model's label, formatted in as a literal
    listed = ", ".join(f"'{area}'" for area in (*areas, ALL))
    return (
        f"COALESCE((SELECT SUM(pr.{q('revision', using)}) "  # noqa: S608
        f"FROM {rows.table(PlanRevision, using)} pr WHERE pr.{q('plan_id', using)} = "
        f"{plan_column} AND pr.{q('area', using)} IN ({listed})), 0)"
    )


def revisions_of(plan_ids, areas) -> dict[int, int]:
    """Plan id -> its revision for `areas` (`revision_of`), in one query."""
    plan = apps.get_model("plans", "Plan")
    found = plan.objects.filter(pk__in=list(plan_ids)).annotate(revision=revision_of(areas))
    return dict(found.order_by().values_list("pk", "revision"))


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
        if model is apps.get_model("plans", "Plan"):
            _PLAN_AT[model] = -1
        else:
            plan = apps.get_model("plans", "Plan")
            hops = [at for at, field in enumerate(path) if field.related_model is plan]
            if hops:
                _PLAN_AT[model] = hops[0]
        post_save.connect(_touch_for_instance, sender=model, dispatch_uid=f"revision:{model}")
        post_delete.connect(_touch_for_instance, sender=model, dispatch_uid=f"revision-:{model}")
        for m2m in model._meta.many_to_many:
            through = m2m.remote_field.through
            m2m_changed.connect(_touch_for_m2m, sender=through, dispatch_uid=f"revision:{through}")
