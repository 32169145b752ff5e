"""The OGSM owner's webhook page: add endpoints, pick events, send a test, read the log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.accounts.permissions import Can, capabilities_of, get_membership_for
from koers.webhooks import events
from koers.webhooks.forms import EndpointForm
from koers.webhooks.models import Delivery, Endpoint

LOG_LENGTH = 10


@login_required
@require_http_methods(["GET", "POST"])
def endpoints(request, slug):
    membership = get_membership_for(request, slug, need=Can.MANAGE_WEBHOOKS)
    workspace = membership.workspace
    form = EndpointForm(request.POST or None, initial={"language": get_language()[:2]})
    if request.method == "POST" and form.is_valid():
        endpoint = form.save(commit=False)
        endpoint.workspace, endpoint.created_by = workspace, request.user
        endpoint.save()
        messages.success(request, _("Webhook added. Send a test to check it arrives."))
        return redirect("webhooks:list", slug)
    listed = list(Endpoint.objects.filter(workspace=workspace))
    latest = (
        Delivery.objects.filter(endpoint__workspace=workspace)
        .annotate(
            n=Window(RowNumber(), partition_by=F("endpoint"), order_by=F("created_at").desc())
        )
        .filter(n__lte=LOG_LENGTH)
        .order_by("-created_at", "-pk")
    )
    logs = {}
    for delivery in latest:  # the latest deliveries of every endpoint, in one query
        logs.setdefault(delivery.endpoint_id, []).append(delivery)
    for endpoint in listed:
        endpoint.log = logs.get(endpoint.pk, [])
    context = {
        "workspace": workspace,
        "membership": membership,
        "can": capabilities_of(membership),
        "endpoints": listed,
        "form": form,
    }
    return render(request, "webhooks/endpoints.html", context, status=422 if form.errors else 200)


def _endpoint(request, slug, endpoint_id):
    membership = get_membership_for(request, slug, need=Can.MANAGE_WEBHOOKS)
    return get_object_or_404(Endpoint, pk=endpoint_id, workspace=membership.workspace)


@login_required
@require_POST
def send_test(request, slug, endpoint_id):
    endpoint = _endpoint(request, slug, endpoint_id)
    events.send_test(endpoint)
    messages.success(request, _("Test message queued; its result appears in the log."))
    return redirect("webhooks:list", slug)


@login_required
@require_POST
def remove(request, slug, endpoint_id):
    _endpoint(request, slug, endpoint_id).delete()
    messages.success(request, _("Webhook removed."))
    return redirect("webhooks:list", slug)
