"""The roll-up settings of a KPI: filled by hand, or from KPIs of the plans below."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.accounts.permissions import Can
from koers.dashboard import fed
from koers.dashboard.forms import RollUpForm
from koers.dashboard.views import _base, _kpi_for
from koers.lib.versioning import STALE_MESSAGE, StaleEdit


@login_required
@require_http_methods(["GET", "POST"])
def kpi_roll_up(request, slug, plan_id, kpi_id):
    """Choose whether the KPI is filled from KPIs of the plans below, and from which."""
    kpi, plan, membership = _kpi_for(request, slug, plan_id, kpi_id, need=Can.EDIT_PLAN)
    candidates = fed.candidates(kpi)
    posted = request.POST if request.method == "POST" else None
    # Read before binding: a ModelForm writes what was posted onto its instance even when the
    # choice is then refused, and the page must say how the KPI is filled now.
    filled_from_below = bool(kpi.roll_up)
    form = RollUpForm(posted, instance=kpi, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        chosen = [int(pk) for pk in form.cleaned_data["sources"]]
        try:
            fed.set_roll_up(kpi, form.cleaned_data["roll_up"], chosen, form.loaded_version())
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except fed.RollUpRefused as refused:
            for message in refused.messages:
                form.add_error("sources", message)
        else:
            messages.success(request, _("Roll-up saved."))
            return redirect("dashboard:kpi", slug, plan.pk, kpi.pk)
    context = _base(
        plan, membership, kpi=kpi, form=form, candidates=candidates, filled=filled_from_below
    )
    return render(
        request, "dashboard/kpi_roll_up.html", context, status=422 if form.errors else 200
    )
