"""The analysis overview: every tool with what needs attention in it."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.views.decorators.http import require_safe

from koers.accounts.models import Workspace
from koers.analysis.access import membership_for
from koers.analysis.models import (
    Brainstorm,
    CanvasItem,
    CanvasVersion,
    ScenarioSet,
    SwotItem,
    Trend,
)
from koers.analysis.views import tool_context
from koers.analysis.views.signals import SIGNALS, kept_rows
from koers.lib.pagecache import cached_page


def _count(model, condition=None):
    """A subquery counting the workspace's live rows of `model` that meet `condition`."""
    rows = (
        model.objects.filter(condition or Q(), workspace=OuterRef("pk"), archived_at__isnull=True)
        .order_by()
        .values("workspace")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _counts(workspace) -> dict:
    """Every tool's figures in one query, however much each tool holds."""
    return (
        Workspace.objects.filter(pk=workspace.pk)
        .annotate(
            n_canvas=_count(CanvasItem),
            n_marked=_count(CanvasItem, ~Q(mark="")),
            n_swot=_count(SwotItem),
            n_open=_count(SwotItem, Q(decision="open")),
            n_trends=_count(Trend),
            n_sets=_count(ScenarioSet),
            n_brainstorms=_count(Brainstorm, Q(closed_at__isnull=True)),
        )
        .values(
            "n_canvas",
            "n_marked",
            "n_swot",
            "n_open",
            "n_trends",
            "n_sets",
            "n_brainstorms",
        )
        .get()
    )


@login_required
@require_safe
def overview(request, slug):
    membership = membership_for(request, slug)
    workspace = membership.workspace

    def context():
        counts = _counts(workspace)
        return {
            "canvas": {"items": counts["n_canvas"], "marked": counts["n_marked"]},
            "last_version": CanvasVersion.objects.filter(workspace=workspace)
            .only("label", "saved_at")
            .first(),
            "swot": {"items": counts["n_swot"], "open": counts["n_open"]},
            "trend_count": counts["n_trends"],
            "set_count": counts["n_sets"],
            "open_brainstorms": counts["n_brainstorms"],
            "signals": kept_rows(SIGNALS.filter(workspace=workspace, archived_at__isnull=True)[:5]),
        }

    return cached_page(
        request,
        "analysis/overview.html",
        membership.workspace,
        tool_context(membership, "overview", context),
    )
