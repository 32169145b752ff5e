"""Versions of the OGSM: snapshots, drafts, activation, comparison, retiring and restoring.

The live Goal/Strategy/Measure rows are the active version (see docs/architecture.md). A
version's content is a plain dict (`snapshot`), so comparing two versions is one pure function
(`compare`) and a draft is edited as a working copy without touching what everyone works with.
Items are matched across versions by `key`: "g12", "s4", "m31" for a live row, "n…" for an item
a draft adds.
"""

import json
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from koers.lib.versioning import StaleEdit
from koers.plans import awaiting
from koers.plans.compare import measures_of
from koers.plans.models import Goal, Measure, Plan, PlanVersion, Strategy
from koers.plans.retiring import retire

GOAL_FIELDS = ["title", "measured_by", "target_value", "target_unit", "target_date"]
STRATEGY_FIELDS = ["title", "description", "owner_id"]
MEASURE_FIELDS = ["name", "unit", "target", "direction"]
FIELDS = {"goal": GOAL_FIELDS, "strategy": STRATEGY_FIELDS, "measure": MEASURE_FIELDS}
MODELS = {"goal": Goal, "strategy": Strategy, "measure": Measure}
PREFIX = {"goal": "g", "strategy": "s", "measure": "m"}
LAST_NEW_KEY = "last_new_key"  # in a draft's content: the highest "n…" number handed out


def _plain(value):
    """JSON-safe: decimals as normalised strings, dates as ISO text."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def item_content(kind: str, item) -> dict:
    data = {"key": f"{PREFIX[kind]}{item.pk}", "id": item.pk}
    data.update({name: _plain(getattr(item, name)) for name in FIELDS[kind]})
    if kind == "strategy":
        data["owner"] = item.owner.display_name if item.owner_id else ""
    return data


def snapshot(plan: Plan) -> dict:
    """The plan's live OGSM content as a version's content."""
    strategies = []
    for strategy in plan.strategies.select_related("owner").prefetch_related("measures"):
        data = item_content("strategy", strategy)
        data["measures"] = [item_content("measure", m) for m in strategy.measures.all()]
        strategies.append(data)
    return {
        "objective": plan.objective,
        "goals": [item_content("goal", goal) for goal in plan.goals.all()],
        "strategies": strategies,
    }


def content_of(version: PlanVersion | None, plan: Plan) -> dict:
    """A version's content; the active one is the live plan itself."""
    if version is None or version.status == PlanVersion.Status.ACTIVE:
        return snapshot(plan)
    return version.content


def draft_of(plan: Plan) -> PlanVersion | None:
    return plan.versions.filter(status=PlanVersion.Status.DRAFT).first()


def _active_row(plan: Plan, by=None) -> PlanVersion:
    """The active version's row; plans made before versions existed get it on their first write."""
    row = plan.versions.filter(number=plan.current_version).first()
    if row is None:
        row = PlanVersion.objects.create(
            plan=plan,
            number=plan.current_version,
            status=PlanVersion.Status.ACTIVE,
            created_by=by,
            activated_by=by,
            activated_at=plan.created_at,
        )
    return row


@transaction.atomic
def start_draft(plan: Plan, by) -> PlanVersion:
    """The working copy of the next version; the existing draft if there is one."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    draft = draft_of(plan)
    if draft is not None:
        return draft
    _active_row(plan, by)
    content = snapshot(plan)
    number = (plan.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return PlanVersion.objects.create(
        plan=plan,
        number=number,
        status=PlanVersion.Status.DRAFT,
        content=content,
        base=content,
        created_by=by,
    )


@transaction.atomic
def discard(draft: PlanVersion) -> None:
    if draft.status != PlanVersion.Status.DRAFT:
        raise ValueError("only a draft can be discarded")
    draft.delete()


def save_draft(draft: PlanVersion, content: dict, expected_version: int) -> None:
    """Store the draft's edited working copy; StaleEdit if someone saved it meanwhile."""
    updated = PlanVersion.objects.filter(
        pk=draft.pk, status=PlanVersion.Status.DRAFT, version=expected_version
    ).update(content=content, version=expected_version + 1)
    if not updated:
        raise StaleEdit
    from koers.plans.rules import touch_plan

    touch_plan(draft.plan_id)
    draft.content, draft.version = content, expected_version + 1


@transaction.atomic
def activate(draft: PlanVersion, by, reason: str) -> PlanVersion:
    """Make the draft the active version: its changes are applied to the live rows (only the
    fields the draft changed, so corrections made to the active plan meanwhile survive), items
    it dropped are retired, and the version it replaces is frozen as read-only history. Rows
    waiting for a strategy the draft adds (a SWOT item answered with it) now point at it."""
    plan = Plan.objects.select_for_update().get(pk=draft.plan_id)
    draft = PlanVersion.objects.select_for_update().get(pk=draft.pk)
    if draft.status != PlanVersion.Status.DRAFT:
        raise StaleEdit
    previous = _active_row(plan, by)
    previous.content = snapshot(plan)
    previous.status = PlanVersion.Status.SUPERSEDED
    previous.save(update_fields=["content", "status"])
    awaiting.link(draft, _apply(plan, draft, by, reason))
    plan.current_version = draft.number
    plan.version += 1
    plan.save(update_fields=["objective", "current_version", "version", "updated_at"])
    draft.status = PlanVersion.Status.ACTIVE
    draft.reason = reason
    draft.activated_by = by
    draft.activated_at = timezone.now()
    draft.content = snapshot(plan)
    draft.save()
    return draft


def _apply(plan: Plan, draft: PlanVersion, by, reason: str) -> dict[str, int]:
    """Apply the draft to the live rows; returns the key of each strategy it added → its row id."""
    base, content = draft.base, draft.content
    if (content.get("objective") or "") != (base.get("objective") or ""):
        plan.objective = content.get("objective") or ""
    base_items = {
        "goal": {g["key"]: g for g in base.get("goals", [])},
        "strategy": {s["key"]: s for s in base.get("strategies", [])},
        "measure": measures_of(base),
    }
    new_ids: dict[str, int] = {}  # draft key of a new strategy -> its row id
    for position, goal in enumerate(content.get("goals", [])):
        _apply_item("goal", goal, base_items["goal"], {"plan": plan}, position)
    for position, strategy in enumerate(content.get("strategies", [])):
        row = _apply_item("strategy", strategy, base_items["strategy"], {"plan": plan}, position)
        if strategy.get("id") is None:
            new_ids[strategy["key"]] = row.pk
        for m_position, measure in enumerate(strategy.get("measures", [])):
            parent = {"strategy_id": row.pk}
            _apply_item("measure", measure, base_items["measure"], parent, m_position)
    kept = {"goal": set(), "strategy": set(), "measure": set()}
    for goal in content.get("goals", []):
        kept["goal"].add(goal["key"])
    for strategy in content.get("strategies", []):
        kept["strategy"].add(strategy["key"])
        kept["measure"].update(m["key"] for m in strategy.get("measures", []))
    for kind in ("measure", "strategy", "goal"):
        for key, item in base_items[kind].items():
            if key in kept[kind]:
                continue
            row = MODELS[kind].objects.filter(pk=item["id"]).first()
            if row is not None:
                retire(row, by, reason)
    return new_ids


def _from_content(kind: str, data: dict) -> dict:
    values = {name: data.get(name) for name in FIELDS[kind]}
    for name in ("target_value", "target"):
        if values.get(name) not in (None, ""):
            values[name] = Decimal(values[name])
        elif name in values:
            values[name] = None
    if values.get("target_date"):
        values["target_date"] = date.fromisoformat(values["target_date"])
    for name, value in values.items():
        if value is None and name in ("measured_by", "target_unit", "description", "unit"):
            values[name] = ""
    return values


def _apply_item(kind, data, base_items, parent, position):
    model = MODELS[kind]
    values = _from_content(kind, data)
    if data.get("id") is None:
        return model.objects.create(**parent, **values, position=position)
    row = model.objects.filter(pk=data["id"]).first()
    if row is None:  # retired meanwhile: the draft brings it back
        row = model.all_objects.get(pk=data["id"])
        row.retired_at, row.retired_reason = None, ""
    before = _from_content(kind, base_items.get(data["key"], {}))
    changed = [name for name in FIELDS[kind] if values[name] != before.get(name)]
    for name in changed:
        setattr(row, name, values[name])
    for name, value in parent.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    row.position = position
    row.version += 1
    row.save()
    return row


def draft_content(draft: PlanVersion) -> dict:
    """A copy of the draft's working content to edit and pass to `save_draft`."""
    return json.loads(json.dumps(draft.content))


# --- Editing a draft's content (a plain dict; the views validate with the plan's forms) ------


def find(content: dict, key: str):
    """(kind, item, its strategy or None) for `key` in `content`, or None."""
    for goal in content.get("goals", []):
        if goal["key"] == key:
            return "goal", goal, None
    for strategy in content.get("strategies", []):
        if strategy["key"] == key:
            return "strategy", strategy, None
        for measure in strategy.get("measures", []):
            if measure["key"] == key:
                return "measure", measure, strategy
    return None


def plain_values(kind: str, cleaned: dict) -> dict:
    """A form's cleaned data as content values."""
    values = {}
    for name in FIELDS[kind]:
        if name == "owner_id":
            owner = cleaned.get("owner")
            values["owner_id"] = owner.pk if owner else None
            values["owner"] = owner.display_name if owner else ""
        else:
            values[name] = _plain(cleaned.get(name))
    return values


def set_item(content: dict, key: str, values: dict) -> None:
    found = find(content, key)
    if found is not None:
        found[1].update(values)


def add_item(content: dict, kind: str, values: dict, parent_key: str | None = None) -> str:
    """Add a new item to the draft; returns its key."""
    used = {int(k[1:]) for k in _all_keys(content) if k.startswith("n") and k[1:].isdigit()}
    # Never the key of an item taken out of the draft again: a row waiting for a new strategy
    # names it by its key (koers.plans.awaiting) and must not be given another one instead.
    number = max(used | {content.get(LAST_NEW_KEY, 0)}) + 1
    content[LAST_NEW_KEY] = number
    key = f"n{number}"
    item = {"key": key, "id": None, **values}
    if kind == "goal":
        content.setdefault("goals", []).append(item)
    elif kind == "strategy":
        content.setdefault("strategies", []).append({**item, "measures": []})
    else:
        found = find(content, parent_key or "")
        if found is None or found[0] != "strategy":
            raise KeyError(parent_key)
        found[1].setdefault("measures", []).append(item)
    return key


def remove_item(content: dict, key: str) -> None:
    """Take an item out of the draft: on activation an existing one is retired, not deleted."""
    content["goals"] = [g for g in content.get("goals", []) if g["key"] != key]
    content["strategies"] = [s for s in content.get("strategies", []) if s["key"] != key]
    for strategy in content["strategies"]:
        strategy["measures"] = [m for m in strategy.get("measures", []) if m["key"] != key]


def _all_keys(content: dict):
    for goal in content.get("goals", []):
        yield goal["key"]
    for strategy in content.get("strategies", []):
        yield strategy["key"]
        for measure in strategy.get("measures", []):
            yield measure["key"]


# --- Content as the plan templates read it ---------------------------------------------------


class _Measures(list):
    def all(self):  # templates call strategy.measures.all
        return self


def for_templates(content: dict) -> tuple[list, list]:
    """(goals, strategies) of a version's content in the shape the plan templates read."""
    from types import SimpleNamespace

    def item(kind, data):
        values = _from_content(kind, data) if kind != "strategy" else {}
        return SimpleNamespace(**{**data, **values})

    goals = [item("goal", g) for g in content.get("goals", [])]
    strategies = []
    for data in content.get("strategies", []):
        strategy = SimpleNamespace(**data)
        strategy.owner = SimpleNamespace(display_name=data["owner"]) if data.get("owner") else None
        strategy.owner_label = data.get("owner") or ""
        strategy.measures = _Measures(item("measure", m) for m in data.get("measures", []))
        strategies.append(strategy)
    return goals, strategies
