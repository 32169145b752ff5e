"""SWOT items the plan session answered with a new strategy, before activating a draft linked
them (koers.plans.awaiting): each gets its strategy where the title it stored matches exactly
one live strategy of the plan whose session decided it, or waits for the one open draft that
adds a strategy of that title. Anything less certain is left as it is (the title stays shown).

It lives in meetings because the minutes (`Decision`) say which plan's session decided."""

from django.db import migrations
from django.db.models import F

# meetings.plan_steps.RESPONSES["new_strategy"] as it was written into the minutes.
NEW_STRATEGY = (
    "%(kind)s “%(text)s”: we respond with a new strategy “%(title)s” in the draft of "
    "version %(number)s."
)


def _deciding_plans(decision_model) -> dict:
    """(workspace id, item description, strategy title) → the plan of the latest session that
    answered that item with that new strategy."""
    plans = {}
    decisions = decision_model.objects.filter(type="swot").select_related("session__plan")
    for decision in decisions.order_by("created_at", "pk"):
        parts = decision.parts if isinstance(decision.parts, list) else []
        for part in parts:
            if not (isinstance(part, list) and len(part) == 2 and part[0] == NEW_STRATEGY):
                continue
            params, plan = part[1], decision.session.plan
            if isinstance(params, dict):
                key = (plan.workspace_id, params.get("text"), params.get("title"))
                plans[key] = plan.pk
    return plans


def link_answers(apps, schema_editor):
    swot_model = apps.get_model("analysis", "SwotItem")
    strategy_model = apps.get_model("plans", "Strategy")
    version_model = apps.get_model("plans", "PlanVersion")
    plan_model = apps.get_model("plans", "Plan")
    workspace_model = apps.get_model("accounts", "Workspace")
    deciding = _deciding_plans(apps.get_model("meetings", "Decision"))
    waiting = swot_model.objects.filter(
        decision="respond", strategy__isnull=True, action__isnull=True, pending_draft__isnull=True
    ).exclude(response="")
    touched = set()
    for item in waiting:
        plan_id = deciding.get((item.workspace_id, item.description, item.response))
        if plan_id is None:
            # No minutes name the plan: only a workspace with a single plan says which.
            plan_ids = list(plan_model.objects.filter(workspace_id=item.workspace_id)[:2])
            if len(plan_ids) != 1:
                continue
            plan_id = plan_ids[0].pk
        live = strategy_model.objects.filter(
            plan_id=plan_id, retired_at__isnull=True, title=item.response
        )
        found = list(live.values_list("pk", flat=True)[:2])
        if len(found) == 1:
            swot_model.objects.filter(pk=item.pk).update(strategy_id=found[0])
            touched.add(item.workspace_id)
            continue
        if found:
            continue  # two live strategies of that title: which one is not certain
        drafts = version_model.objects.filter(plan_id=plan_id, status="draft")
        keys = [
            (draft.pk, strategy.get("key"))
            for draft in drafts
            for strategy in (draft.content or {}).get("strategies", [])
            if strategy.get("id") is None and strategy.get("title") == item.response
        ]
        if len(keys) == 1:
            draft_id, key = keys[0]
            swot_model.objects.filter(pk=item.pk).update(pending_draft_id=draft_id, pending_key=key)
    # The SWOT page and the pre-read show the strategy now: their cached copies go (no signal
    # reaches this code).
    workspace_model.objects.filter(pk__in=touched).update(revision=F("revision") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0011_agenda_note_item_key"),
        ("analysis", "0005_swotitem_pending_strategy"),
        ("plans", "0005_plan_roles_and_links"),
        ("accounts", "0007_invite_expires_at_midnight"),
    ]

    operations = [migrations.RunPython(link_answers, migrations.RunPython.noop)]
