"""Rows waiting for a strategy the draft adds: they point at it once the draft is activated.

A strategy that is only in the draft of the next version has no row yet, so a row answered with
one (a SWOT item the plan session answered with a new strategy) cannot point at it. Such a model
keeps the draft (`pending_draft`, a foreign key to PlanVersion) and the strategy's key in it
(`pending_key`, "n3") beside its `strategy` foreign key; `versions.activate` calls `link` in its
transaction. The models are found here (as `accounts.pending` finds those with pending owners),
so the plans app imports no app above it and nothing is registered.
"""

from koers.lib.linked import models_linking
from koers.plans.models import PlanVersion

DRAFT, KEY = "pending_draft", "pending_key"


def models_awaiting_strategies() -> list:
    return models_linking(DRAFT, PlanVersion)


def link(draft: PlanVersion, created: dict[str, int]) -> int:
    """`draft` is now the active version and `created` maps the key of each strategy it added to
    that strategy's new row: every row waiting for one points at it now. A row whose strategy
    was taken out of the draft before activation stops waiting and keeps what it showed."""
    linked = 0
    for model in models_awaiting_strategies():
        for row in model._base_manager.filter(**{DRAFT: draft}).order_by("pk"):
            fields = [DRAFT, KEY]
            strategy_id = created.get(getattr(row, KEY))
            if strategy_id is not None:
                row.strategy_id = strategy_id
                fields.append("strategy")
                linked += 1
            setattr(row, DRAFT, None)
            setattr(row, KEY, "")
            if hasattr(row, "version"):
                # A decision form opened before activation would otherwise undo the link.
                row.version += 1
                fields.append("version")
            row.save(update_fields=fields)  # one by one: the change log and the revision see it
    return linked
