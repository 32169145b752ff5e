"""Trend analysis: the list, the impact × unpredictability matrix, and trend → opportunity/risk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can
from koers.analysis import swot
from koers.analysis import trends as rules
from koers.analysis.access import get_live, membership_for
from koers.analysis.errors import AnalysisError
from koers.analysis.forms import ToSwotForm, TrendForm
from koers.analysis.models import Category, SwotItem, Trend
from koers.analysis.views import form_page, page, tool_context
from koers.lib.keptrows import Rows, lazy
from koers.lib.pagecache import cached_page
from koers.lib.rowurls import add_urls
from koers.lib.versioning import STALE_MESSAGE, StaleEdit


def _trends_url(slug, trend=None):
    url = reverse("analysis:trends", args=[slug])
    return f"{url}#trend-{trend.pk}" if trend else url


@login_required
@require_safe
def trends(request, slug):
    membership = membership_for(request, slug)
    category = request.GET.get("category", "")

    def context():
        listed = Trend.objects.filter(workspace=membership.workspace, archived_at__isnull=True)
        if category in Category.values:
            listed = listed.filter(category=category)
        # Read as values, the key of the kept list and chart; built into trends only on a miss.
        rows = Rows(listed)
        made_rows = tuple(
            SwotItem.objects.filter(
                trend__in=rows.column("id"), archived_at__isnull=True
            ).values_list("trend_id", "kind")
        )

        def shown():
            listed = add_urls(
                rows.objects, slug, to_swot="analysis:trend_to_swot", edit="analysis:trend_edit"
            )
            made = {}
            for trend_id, kind in made_rows:
                made.setdefault(trend_id, set()).add(kind)
            labels = rules.quadrant_labels()
            for number, trend in enumerate(listed, start=1):
                trend.number = number
                trend.quadrant = rules.quadrant(trend)
                trend.quadrant_label = labels[trend.quadrant]
                trend.made = made.get(trend.pk, set())
            return listed

        trends = lazy(shown)
        return {
            "shown": (rows.state, made_rows),
            "trends": trends,
            "chart": lazy(lambda: rules.trend_matrix(trends) if trends else ""),
            "categories": Category.choices,
            "category": category,
        }

    return cached_page(
        request,
        "analysis/trends.html",
        membership.workspace,
        tool_context(membership, "trends", context),
    )


@login_required
@require_http_methods(["GET", "POST"])
def trend_new(request, slug):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    form = TrendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        trend = form.save(commit=False)
        trend.workspace = membership.workspace
        rules.add_trend(trend, request.user)
        return redirect(_trends_url(slug, trend))
    return form_page(
        request,
        membership,
        "trends",
        form,
        title=_("New trend"),
        action=request.get_full_path(),
        cancel=_trends_url(slug),
    )


@login_required
@require_http_methods(["GET", "POST"])
def trend_edit(request, slug, trend_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    trend = get_live(Trend.objects.all(), membership, trend_id)
    form = TrendForm(request.POST or None, instance=trend)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_trend(form.instance, form.edited_fields, form.loaded_version(), request.user)
            return redirect(_trends_url(slug, trend))
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
    return form_page(
        request,
        membership,
        "trends",
        form,
        title=_("Edit trend"),
        action=request.get_full_path(),
        cancel=_trends_url(slug, trend),
        delete_url=reverse("analysis:trend_delete", args=[slug, trend.pk]),
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def trend_delete(request, slug, trend_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    trend = get_live(Trend.objects.all(), membership, trend_id)
    if request.method == "POST":
        trend.archived_at = timezone.now()
        trend.save(update_fields=["archived_at"])
        messages.success(request, _("“%(item)s” was archived.") % {"item": trend})
        return redirect(_trends_url(slug))
    return page(
        request,
        "analysis/confirm.html",
        membership,
        "trends",
        item=trend,
        warning=_("Signals, scenarios and opportunities made from it keep their link."),
        cancel=_trends_url(slug, trend),
    )


@login_required
@require_POST
def to_swot(request, slug, trend_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    trend = get_live(Trend.objects.select_related("workspace"), membership, trend_id)
    form = ToSwotForm(request.POST)
    try:
        if not form.is_valid():
            raise AnalysisError(_("A trend becomes an opportunity or a risk."))
        item = swot.from_trend(trend, form.cleaned_data["kind"], request.user)
    except AnalysisError as error:
        messages.error(request, str(error))
        return redirect(_trends_url(slug, trend))
    messages.success(
        request,
        _("“%(trend)s” is now on the list as: %(kind)s.")
        % {"trend": trend, "kind": item.get_kind_display().lower()},
    )
    return redirect(_trends_url(slug, trend))
