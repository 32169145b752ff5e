"""Strengths, vulnerabilities, opportunities and risks, and the plan session's decision on each."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.analysis.errors import AnalysisError
from koers.analysis.models import Decision, Mark, Source, SwotItem, SwotKind
from koers.lib.versioning import save_versioned

QUADRANTS = [SwotKind.STRENGTH, SwotKind.VULNERABILITY, SwotKind.OPPORTUNITY, SwotKind.RISK]
HEADINGS = {
    SwotKind.STRENGTH: gettext_lazy("Strengths"),
    SwotKind.VULNERABILITY: gettext_lazy("Vulnerabilities"),
    SwotKind.OPPORTUNITY: gettext_lazy("Opportunities"),
    SwotKind.RISK: gettext_lazy("Risks"),
}


def active_items(workspace):
    return SwotItem.objects.filter(workspace=workspace, archived_at__isnull=True)


def by_kind(items) -> list[tuple[str, str, list]]:
    grouped: dict[str, list] = {kind: [] for kind in QUADRANTS}
    for item in items:
        grouped[item.kind].append(item)
    return [(kind, HEADINGS[kind], grouped[kind]) for kind in QUADRANTS]


def follow_canvas_item(canvas_item) -> None:
    """Keep the SWOT in step with a business model mark.

    A marked item appears as a strength or vulnerability (with its "why"); unmarking or removing
    it archives that SWOT entry, so the list never shows what the canvas no longer says.
    """
    entry = SwotItem.objects.filter(canvas_item=canvas_item).first()
    wanted = canvas_item.mark if canvas_item.archived_at is None else Mark.NONE
    if not wanted:
        if entry and entry.archived_at is None:
            entry.archived_at = timezone.now()
            entry.save(update_fields=["archived_at"])
        return
    description = (
        canvas_item.text if not canvas_item.why else f"{canvas_item.text} — {canvas_item.why}"
    )
    if entry is None:
        SwotItem.objects.create(
            workspace_id=canvas_item.workspace_id,
            kind=wanted,
            description=description[:300],
            source=Source.BUSINESS_MODEL,
            canvas_item=canvas_item,
        )
        return
    entry.kind, entry.description, entry.archived_at = wanted, description[:300], None
    entry.save(update_fields=["kind", "description", "archived_at"])


def add_item(workspace, by, **fields) -> SwotItem:
    return SwotItem.objects.create(workspace=workspace, created_by=by, **fields)


@transaction.atomic
def decide(
    item: SwotItem,
    by,
    decision: str,
    *,
    reason="",
    strategy=None,
    action=None,
    response="",
    draft=None,
    draft_key="",
    expected_version: int | None = None,
) -> None:
    """Record what the team does with an item: respond (with a strategy or action, or a
    `response` that is no plan item yet: a strategy in the draft of the next version) or ignore
    for now (why). A `response` in the draft of the next version comes with that `draft` and
    the strategy's key in it: activating the draft links the item to the strategy
    (koers.plans.awaiting). Versioned: StaleEdit if the item changed since `expected_version`."""
    response = response.strip()
    if decision == Decision.RESPOND and strategy is None and action is None and not response:
        raise AnalysisError(_("Choose the strategy or action that responds to it."))
    if decision == Decision.IGNORE and not reason.strip():
        raise AnalysisError(_("Say why it can be ignored for now."))
    named = (strategy, getattr(action, "strategy", None), draft)
    plans = [t.plan for t in named if t is not None]
    if any(plan.workspace_id != item.workspace_id for plan in plans):
        raise AnalysisError(_("Choose a strategy or action of this workspace."))
    responding = decision == Decision.RESPOND
    if action is not None:
        strategy = action.strategy  # an action responds within its own strategy
    item.decision = decision
    item.reason = reason.strip() if decision == Decision.IGNORE else ""
    item.strategy = strategy if responding else None
    item.action = action if responding else None
    item.response = response[:300] if responding and strategy is None else ""
    waiting = bool(item.response) and draft is not None
    item.pending_draft = draft if waiting else None
    item.pending_key = draft_key if waiting else ""
    item.decided_at = timezone.now() if decision != Decision.OPEN else None
    item.decided_by = by if decision != Decision.OPEN else None
    fields = ["decision", "reason", "strategy", "action", "response", "decided_at", "decided_by"]
    fields += ["pending_draft", "pending_key"]
    save_versioned(item, fields, item.version if expected_version is None else expected_version)


def from_trend(trend, kind: str, by) -> SwotItem:
    """One click from a trend to an opportunity or a risk; the link back is kept."""
    if kind not in (SwotKind.OPPORTUNITY, SwotKind.RISK):
        raise AnalysisError(_("A trend becomes an opportunity or a risk."))
    existing = active_items(trend.workspace).filter(trend=trend, kind=kind).first()
    if existing:
        return existing
    return add_item(
        trend.workspace, by, kind=kind, description=trend.title, source=Source.TREND, trend=trend
    )


def archive_item(item: SwotItem) -> None:
    item.archived_at = timezone.now()
    item.save(update_fields=["archived_at"])
