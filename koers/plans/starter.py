"""Start a new plan from a template: a skeleton OGSM in the editor's language, to edit in place.

The templates are data, not code: one JSON file per language in `koers/plans/starters/`
(objective, goals with targets, strategies with measures and example actions). Adding a language
is adding a file; a language without one falls back to English.
"""

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils.translation import get_language

from koers.plans.models import Goal, Measure, Plan, Strategy

STARTERS = Path(__file__).parent / "starters"


@cache
def _load(language: str) -> dict:
    return json.loads((STARTERS / f"{language}.json").read_text(encoding="utf-8"))


def starter(language: str | None = None) -> dict:
    code = (language or get_language() or "en").split("-")[0]
    return _load(code if (STARTERS / f"{code}.json").is_file() else "en")


def is_empty(plan: Plan) -> bool:
    """Only an empty plan can start from a template: nothing typed is ever overwritten."""
    return not plan.objective and not plan.goals.exists() and not plan.strategies.exists()


class NotEmpty(Exception):
    pass


@transaction.atomic
def fill_from_template(plan: Plan, membership, language: str | None = None) -> None:
    """Write the template into `plan`; the one filling it owns the strategies and actions."""
    from koers.actions.rules import create_action  # actions build on plans

    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not is_empty(plan):
        raise NotEmpty
    data = starter(language)
    user = membership.user
    plan.objective = data["objective"]
    plan.version += 1
    plan.save(update_fields=["objective", "version", "updated_at"])
    for position, goal in enumerate(data["goals"]):
        Goal.objects.create(
            plan=plan,
            position=position,
            title=goal["title"],
            measured_by=goal.get("measured_by", ""),
            target_value=Decimal(goal["target_value"]) if goal.get("target_value") else None,
            target_unit=goal.get("target_unit", ""),
        )
    for position, item in enumerate(data["strategies"]):
        strategy = Strategy.objects.create(
            plan=plan,
            position=position,
            title=item["title"],
            description=item.get("description", ""),
            owner=user,
        )
        for index, measure in enumerate(item.get("measures", [])):
            Measure.objects.create(
                strategy=strategy,
                position=index,
                name=measure["name"],
                unit=measure.get("unit", ""),
                target=Decimal(measure["target"]) if measure.get("target") else None,
                direction=measure.get("direction", "higher"),
            )
        for title in item.get("actions", []):
            create_action(strategy, membership, title=title, owner=user)
