"""The analysis overview: every tool with what needs attention in it."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q

from koers.analysis.access import membership_for
from koers.analysis.models import (
    Brainstorm,
    CanvasItem,
    CanvasVersion,
    ScenarioSet,
    SwotItem,
    Trend,
)
from koers.analysis.views import page
from koers.analysis.views.signals import SIGNALS


def _live(model, workspace):
    return model.objects.filter(workspace=workspace, archived_at__isnull=True)


@login_required
def overview(request, slug):
    membership = membership_for(request, slug)
    workspace = membership.workspace
    canvas = _live(CanvasItem, workspace).aggregate(
        items=Count("pk"), marked=Count("pk", filter=~Q(mark=""))
    )
    swot = _live(SwotItem, workspace).aggregate(
        items=Count("pk"), open=Count("pk", filter=Q(decision="open"))
    )
    return page(
        request,
        "analysis/overview.html",
        membership,
        "overview",
        canvas=canvas,
        last_version=CanvasVersion.objects.filter(workspace=workspace)
        .only("label", "saved_at")
        .first(),
        swot=swot,
        trend_count=_live(Trend, workspace).count(),
        set_count=_live(ScenarioSet, workspace).count(),
        open_brainstorms=_live(Brainstorm, workspace).filter(closed_at__isnull=True).count(),
        signals=SIGNALS.filter(workspace=workspace, archived_at__isnull=True)[:5],
    )
