"""The workspace-wide dashboard pages: the overview (every plan's KPI statuses at a glance) and
the portfolio (the plans as the tree of cascaded plans, with how each goes)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from koers.accounts.permissions import capabilities_of, get_membership_for
from koers.dashboard import latest, portfolio
from koers.dashboard import status as rules
from koers.dashboard.models import Kpi
from koers.lib.ids import parse_id
from koers.lib.pagecache import cached_page, row_state


def _filters(request) -> tuple[dict, list[str]]:
    """The owner and status asked for, and what could not be read (each a message)."""
    chosen, problems = {"owner": None, "status": ""}, []
    raw_owner = request.GET.get("owner", "")
    if raw_owner:
        chosen["owner"] = parse_id(raw_owner)
        if chosen["owner"] is None:
            problems.append(_("There is no such owner; plans of every owner are shown."))
    raw_status = request.GET.get("status", "")
    if raw_status in portfolio.STATUSES:
        chosen["status"] = raw_status
    elif raw_status:
        problems.append(_("There is no such status; plans of every status are shown."))
    return chosen, problems


def _context(membership, chosen, problems=()):
    workspace = membership.workspace
    plans = list(portfolio.with_revisions(workspace.plans.order_by("archived_at", "name", "pk")))
    statuses = portfolio.plan_statuses(plans, timezone.localdate())
    owners = {u.pk: u for s in statuses.values() for u in s.owners}
    problems = list(problems)
    if chosen["owner"] is not None and chosen["owner"] not in owners:
        problems.append(_("There is no such owner; plans of every owner are shown."))
        chosen = {**chosen, "owner": None}
    shown = [
        p.pk
        for p in plans
        if (chosen["owner"] is None or chosen["owner"] in {u.pk for u in statuses[p.pk].owners})
        and (not chosen["status"] or statuses[p.pk].state == chosen["status"])
    ]
    rows = [
        {
            "row": row,
            "status": statuses[row.plan_id],
            "depth": min(row.depth, 5),
            "shown": _shown(workspace, row, statuses[row.plan_id]),
        }
        for row in portfolio.tree(shown, portfolio.links_of(workspace.pk))
    ]
    return {
        "workspace": workspace,
        "membership": membership,
        "can": capabilities_of(membership),
        "nav": "portfolio",
        "rows": rows,
        "owners": sorted(owners.values(), key=lambda u: u.display_name.lower()),
        "chosen": chosen,
        "problems": problems,
        "status_choices": [
            (portfolio.ACTIVE, _("Active")),
            (portfolio.DRAFT, _("Next version in draft")),
            (portfolio.ARCHIVED, _("Archived")),
        ],
        "filtered": bool(chosen["owner"] or chosen["status"]),
    }


def _shown(workspace, row, status) -> tuple:
    """Everything a plan's line shows: its kept block (`{% fragment %}`) is keyed on it."""
    return (
        workspace.slug,
        row,
        row_state(status.plan),
        status.declared,
        status.behind,
        status.last_update,
        status.state,
        tuple((person.pk, person.display_name) for person in status.owners),
    )


@login_required
@require_safe
def portfolio_page(request, slug):
    membership = get_membership_for(request, slug)
    chosen, problems = _filters(request)
    if problems:
        context = _context(membership, chosen, problems)
        return render(request, "dashboard/portfolio.html", context, status=400)
    return cached_page(
        request,
        "dashboard/portfolio.html",
        membership.workspace,
        lambda: _context(membership, chosen),
    )


@login_required
@require_safe
def overview(request, slug):
    """All plans of the workspace with how their KPIs stand, in a fixed number of queries.

    Cached on the workspace's revision (bumped by each figure, target or KPI change), because
    computing the status of every KPI of every plan is the costly part.
    """
    membership = get_membership_for(request, slug)
    return cached_page(
        request,
        "dashboard/overview.html",
        membership.workspace,
        lambda: _overview_context(membership, timezone.localdate()),
    )


def _overview_context(membership, today):
    plans = list(membership.workspace.plans.filter(archived_at__isnull=True))
    per_plan: dict = {}
    for kpi, status in latest.status_rows(Kpi.objects.filter(plan__in=plans), today):
        per_plan.setdefault(kpi.plan_id, []).append(status)
    rows = []
    for plan in plans:
        own = per_plan.get(plan.pk, [])
        counts = {s: own.count(s) for s in rules.SEVERITY}
        status = rules.roll_up(own)
        # What its card shows: the card is kept under it (`{% fragment %}`).
        shown = (membership.workspace.slug, row_state(plan), sorted(counts.items()), status)
        rows.append({"plan": plan, "counts": counts, "status": status, "shown": shown})
    return {
        "workspace": membership.workspace,
        "membership": membership,
        "plans": rows,
        "can": capabilities_of(membership),
        "nav": "dashboard",
    }
