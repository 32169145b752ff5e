"""Scenario planning: sets of four futures, their stories, and their likelihood over time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can
from koers.analysis import scenarios as rules
from koers.analysis.access import get_live, membership_for
from koers.analysis.errors import AnalysisError
from koers.analysis.forms import LikelihoodForm, ScenarioForm, ScenarioSetForm
from koers.analysis.models import Likelihood, Scenario, ScenarioSet, Signal
from koers.analysis.views import archive_page, form_page, page, tool_context
from koers.analysis.views.signals import kept_rows
from koers.lib.pagecache import cached_page
from koers.lib.versioning import STALE_MESSAGE, StaleEdit, save_versioned

SETS = ScenarioSet.objects.select_related("driver_x", "driver_y", "plan").prefetch_related(
    Prefetch(
        "scenarios",
        queryset=Scenario.objects.prefetch_related(
            Prefetch("likelihoods", queryset=Likelihood.objects.order_by("recorded_on", "pk"))
        ),
    )
)


def _set_url(slug, scenario_set):
    return reverse("analysis:scenario_set", args=[slug, scenario_set.pk])


@login_required
@require_safe
def scenario_sets(request, slug):
    membership = membership_for(request, slug)

    def context():
        sets = list(SETS.filter(workspace=membership.workspace, archived_at__isnull=True))
        for scenario_set in sets:
            for scenario in scenario_set.scenarios.all():
                scenario.latest = rules.latest_likelihood(scenario)
        return {"sets": sets}

    return cached_page(
        request,
        "analysis/scenario_sets.html",
        membership.workspace,
        tool_context(membership, "scenarios", context),
    )


@login_required
@require_http_methods(["GET", "POST"])
def set_new(request, slug):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    form = ScenarioSetForm(request.POST or None, workspace=membership.workspace)
    if request.method == "POST" and form.is_valid():
        try:
            scenario_set = rules.create_set(membership.workspace, request.user, **form.cleaned_data)
            return redirect(_set_url(slug, scenario_set))
        except AnalysisError as error:
            form.add_error(None, str(error))
    return form_page(
        request,
        membership,
        "scenarios",
        form,
        title=_("New scenario set"),
        action=request.get_full_path(),
        cancel=reverse("analysis:scenarios", args=[slug]),
        intro=_(
            "Pick two trends that matter a lot but could go either way, and name both ends of "
            "each. Koers lays out the four futures they make."
        ),
    )


def _set_context(scenario_set, form=None) -> dict:
    scenarios = list(scenario_set.scenarios.all())
    for scenario in scenarios:
        scenario.latest = rules.latest_likelihood(scenario)
    dates, _values = rules.history(scenario_set)
    signals = kept_rows(
        Signal.objects.filter(
            scenario__scenario_set=scenario_set, archived_at__isnull=True
        ).select_related("scenario", "trend")[:20]
    )
    return {
        "scenario_set": scenario_set,
        "scenarios": scenarios,
        "chart": rules.likelihood_chart(scenario_set) if dates else "",
        "form": form or LikelihoodForm(scenarios=scenarios),
        "signals": signals,
    }


def _set_page(request, membership, scenario_set, form=None, status=200):
    return page(
        request,
        "analysis/scenario_set.html",
        membership,
        "scenarios",
        status=status,
        **_set_context(scenario_set, form),
    )


@login_required
@require_safe
def scenario_set(request, slug, set_id):
    membership = membership_for(request, slug)
    # A copy in the cache proves the set was live at this revision (koers.lib.pagecache).
    return cached_page(
        request,
        "analysis/scenario_set.html",
        membership.workspace,
        tool_context(
            membership,
            "scenarios",
            lambda: _set_context(get_live(SETS, membership, set_id)),
        ),
    )


@login_required
@require_POST
def likelihood(request, slug, set_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    scenario_set = get_live(SETS, membership, set_id)
    form = LikelihoodForm(request.POST, scenarios=scenario_set.scenarios.all())
    if form.is_valid():
        try:
            rules.record_likelihoods(
                scenario_set,
                form.cleaned_data["recorded_on"],
                form.percents(),
                request.user,
                form.cleaned_data["note"],
            )
            messages.success(request, _("Likelihoods recorded."))
            return redirect(_set_url(slug, scenario_set))
        except AnalysisError as error:
            form.add_error(None, str(error))
    return _set_page(request, membership, scenario_set, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_edit(request, slug, set_id, scenario_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    scenario_set = get_live(ScenarioSet.objects.all(), membership, set_id)
    scenario = get_object_or_404(Scenario, pk=scenario_id, scenario_set=scenario_set)
    form = ScenarioForm(request.POST or None, instance=scenario)
    if request.method == "POST" and form.is_valid():
        try:
            save_versioned(form.instance, form.edited_fields, form.loaded_version())
            return redirect(_set_url(slug, scenario_set))
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
    return form_page(
        request,
        membership,
        "scenarios",
        form,
        title=_("Scenario: %(name)s") % {"name": scenario.name},
        action=request.get_full_path(),
        cancel=_set_url(slug, scenario_set),
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def set_archive(request, slug, set_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    scenario_set = get_live(ScenarioSet.objects.all(), membership, set_id)
    return archive_page(
        request,
        membership,
        "scenarios",
        scenario_set,
        warning=_("Its scenarios, likelihoods and signals are kept, out of sight."),
        cancel=_set_url(slug, scenario_set),
        done=reverse("analysis:scenarios", args=[slug]),
    )
