"""The environment monitor: dated signals tagged to trends or scenario signposts."""

import contextlib
from datetime import date
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from koers.accounts.permissions import Can
from koers.analysis.access import get_removable_signal, may_remove_signal, membership_for
from koers.analysis.forms import SignalForm, scenario_choices
from koers.analysis.models import Signal, Trend
from koers.analysis.views import page, save_new, tool_context
from koers.lib.ids import parse_id
from koers.lib.keptrows import Rows, lazy
from koers.lib.pagecache import cached_page, row_state
from koers.lib.rowurls import add_urls

SIGNALS = Signal.objects.select_related("trend", "scenario__scenario_set", "created_by")


# The relations the signal list shows of each signal (`_signal_list.html`).
LISTED = ("trend", "scenario")


def _filtered(request, membership) -> tuple[Rows, dict]:
    """The signals listed (at most 200, as values: the kept list's key) and the filters."""
    listed = Signal.objects.filter(workspace=membership.workspace, archived_at__isnull=True)
    filters = {}
    trend = parse_id(request.GET.get("trend", ""))
    if trend:
        listed, filters["trend"] = listed.filter(trend_id=trend), trend
    since = request.GET.get("since", "")
    with contextlib.suppress(ValueError):
        listed, filters["since"] = listed.filter(observed_on__gte=date.fromisoformat(since)), since
    return Rows(listed.select_related(*LISTED)[:200]), filters


def kept_rows(signals, membership=None) -> list:
    """`signals` as `_signal_list.html` shows them, each with `shown`, the parts its kept block
    (`{% fragment %}`) is stored under: its rows, and whether and where it can be removed."""
    signals = list(signals)
    for signal in signals:
        if membership is not None:
            signal.removable = may_remove_signal(membership, signal)
        signal.shown = (
            row_state(signal),
            row_state(signal.trend),
            row_state(signal.scenario),
            getattr(signal, "removable", False),
            getattr(signal, "delete_url", ""),
        )
    return signals


def _context(request, membership, form=None) -> dict:
    rows, filters = _filtered(request, membership)
    workspace = membership.workspace
    # The trends and scenarios for the filter and the form, as (id, label): their kept key.
    live = Trend.objects.filter(workspace=workspace, archived_at__isnull=True)
    trends = tuple(live.values_list("pk", "title"))
    scenarios = tuple(scenario_choices(workspace).values_list("pk", "name"))

    def listed():
        signals = add_urls(rows.objects, workspace.slug, delete="analysis:signal_delete")
        return kept_rows(signals, membership)

    return {
        "signals": lazy(listed),  # built only when the kept list is rendered
        # What the kept list shows: its rows and who may remove each (the viewer's own, their
        # rights: the page is the viewer's own copy).
        "signals_shown": (rows.state, membership.user.pk),
        "filters": filters,
        "form": form
        or lazy(lambda: SignalForm(workspace=workspace, shown_choices=(trends, scenarios))),
        "form_shown": (workspace.slug, trends, scenarios),
        "trends": trends,
    }


def _page(request, membership, form=None, status=200):
    template = "analysis/signals.html"
    if form is None and status == 200:
        context = partial(_context, request, membership)
        return cached_page(
            request, template, membership.workspace, tool_context(membership, "signals", context)
        )
    context = _context(request, membership, form)
    return page(request, template, membership, "signals", status=status, **context)


@login_required
@require_safe
def signals(request, slug):
    membership = membership_for(request, slug)
    trend = request.GET.get("trend", "")
    if trend and parse_id(trend) is None:
        messages.error(request, _("There is no such trend; all signals are shown."))
        return _page(request, membership, status=400)
    return _page(request, membership)


@login_required
@require_POST
def signal_new(request, slug):
    membership = membership_for(request, slug, need=Can.CONTRIBUTE)
    form = SignalForm(request.POST, workspace=membership.workspace)
    if form.is_valid():
        save_new(form, membership)
        messages.success(request, _("Signal added."))
        return redirect(reverse("analysis:signals", args=[slug]))
    return _page(request, membership, form=form)


@login_required
@require_POST
def signal_delete(request, slug, signal_id):
    """The person who added a signal may take it back; editors may archive any."""
    signal = get_removable_signal(request, slug, signal_id)
    signal.archived_at = timezone.now()
    signal.save(update_fields=["archived_at"])
    messages.success(request, _("Signal removed."))
    return redirect(reverse("analysis:signals", args=[slug]))
