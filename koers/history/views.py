"""The change log, read-only: the workspace log with filters, its CSV, one object's history."""

import csv
from datetime import date, datetime, time

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from koers.accounts.permissions import get_membership_for
from koers.history.models import Change

PAGE_SIZE = 100
MAX_CSV_ROWS = 50_000


def kind_name(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def field_label(kind: str, name: str) -> str:
    """A field as its model names it ("target date"), or as stored if the model changed since."""
    try:
        return str(apps.get_model(kind)._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name


def _labelled(page):
    for row in page.object_list:
        row.field_label = field_label(row.kind, row.field) if row.field else ""
    return page


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filtered(request, workspace):
    """The workspace's rows, narrowed by person, object kind and period from the query string."""
    rows = Change.objects.filter(workspace_id=workspace.pk)
    filters = {
        "person": request.GET.get("person", ""),
        "kind": request.GET.get("kind", ""),
        "start": request.GET.get("start", ""),
        "end": request.GET.get("end", ""),
    }
    if filters["person"].isdigit() and len(filters["person"]) < 19:
        rows = rows.filter(actor_id=int(filters["person"]))
    if filters["kind"]:
        rows = rows.filter(kind=filters["kind"][:60])
    start, end = _day(filters["start"]), _day(filters["end"])
    zone = timezone.get_current_timezone()
    if start:
        rows = rows.filter(at__gte=datetime.combine(start, time.min, zone))
    if end:
        rows = rows.filter(at__lte=datetime.combine(end, time.max, zone))
    return rows, filters


@login_required
@require_safe
def log(request, slug):
    membership = get_membership_for(request, slug)
    workspace = membership.workspace
    rows, filters = _filtered(request, workspace)
    page = _labelled(Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")))
    people = workspace.memberships.select_related("user").order_by("user__first_name")
    kinds = Change.objects.filter(workspace_id=workspace.pk).values_list("kind", flat=True)
    context = {
        "workspace": workspace,
        "membership": membership,
        "page": page,
        "filters": filters,
        "people": [(m.user_id, m.user.display_name) for m in people],
        "kinds": sorted({(k, kind_name(k)) for k in kinds.distinct()}, key=lambda p: p[1]),
        "query": request.GET.urlencode(),
    }
    return render(request, "history/log.html", context)


@login_required
@require_safe
def log_csv(request, slug):
    membership = get_membership_for(request, slug)
    rows, _filters = _filtered(request, membership.workspace)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="history-{slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("When"), _("Who"), _("From"), _("Object kind"), _("Object"), _("Event")]
        + [_("Field"), _("Old value"), _("New value")]
    )
    for row in rows[:MAX_CSV_ROWS].iterator():
        at = timezone.localtime(row.at).isoformat()  # the workspace's zone, with its offset
        writer.writerow(
            [_safe(v) for v in (at, row.actor_name, row.source, row.kind)]
            + [_safe(v) for v in (row.object_repr, row.event, row.field, row.old, row.new)]
        )
    return response


def _safe(value: str) -> str:
    """No spreadsheet formulas from user text (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
@require_safe
def object_history(request, slug, kind, object_id):
    membership = get_membership_for(request, slug)
    rows = Change.objects.filter(
        workspace_id=membership.workspace.pk, kind=kind[:60], object_id=object_id
    )
    page = _labelled(Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")))
    # Every page links to its object's history, also before anything was recorded (rows made
    # before the log existed): that is an empty history, not a missing page.
    context = {
        "workspace": membership.workspace,
        "membership": membership,
        "page": page,
        "kind": kind_name(kind),
        "name": page.object_list[0].object_repr if page.object_list else "",
    }
    return render(request, "history/object.html", context)
