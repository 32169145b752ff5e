"""The dashboard: KPIs with their figures and status, entering and importing figures."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can, capabilities_of
from koers.actions.queries import open_actions as open_actions_of
from koers.charts import Series, line_chart
from koers.dashboard import cascade_health, fed, kept, per_plan, services, transfer
from koers.dashboard import status as rules
from koers.dashboard.forms import (
    ImportForm,
    KpiForm,
    MeasurementForm,
    MilestoneForm,
)
from koers.dashboard.models import Kpi, Measurement
from koers.lib import dates, ids, numbers
from koers.lib.forms import fixed_choices
from koers.lib.pagecache import cached_page, row_state
from koers.lib.versioning import STALE_MESSAGE, StaleEdit
from koers.plans.access import get_plan_and_revision_for, get_plan_for


def _base(plan, membership, **extra):
    return {
        "workspace": plan.workspace,
        "membership": membership,
        "plan": plan,
        "can": capabilities_of(membership),
        "view": "dashboard",
        **extra,
    }


@login_required
@require_safe
def dashboard(request, slug, plan_id):
    plan, membership, revision = get_plan_and_revision_for(
        request, slug, plan_id, per_plan.DASHBOARD
    )
    today = timezone.localdate()
    return cached_page(
        request,
        "dashboard/dashboard.html",
        plan.workspace,
        lambda: _dashboard_context(plan, membership, today, revision),
        rights=capabilities_of(membership),
    )


def _dashboard_context(plan, membership, today, revision):
    data = kept.dashboard(plan, today, revision)
    open_actions = list(open_actions_of(plan).order_by("strategy__position", "position"))
    rules.judge_strategies(data["strategies"], open_actions)
    # The plans below, in the block of the strategy they serve, else beneath the blocks.
    served_elsewhere = cascade_health.place(cascade_health.serving(plan, today), data)
    for group in data["strategies"]:
        # What the strategy's block shows: its fragment is kept under it (dashboard/kept.py).
        group["shown"] = kept.group_shown(group)
    data["goals_shown"] = [kept.group_shown(group) for group in data["goals"]]
    flagged = rules.flag_actions(open_actions, today, timezone.now())
    for action in flagged:  # what its row shows: its fragment is kept under it
        action.shown = (row_state(action), action.computed_colour)
    return _base(
        plan, membership, **data, flagged=flagged, today=today, served_elsewhere=served_elsewhere
    )


KPIS = Kpi.objects.select_related("goal", "measure__strategy", "owner", "pending_owner")


def _kpi_for(request, slug, plan_id, kpi_id, need=Can.VIEW):
    plan, membership = get_plan_for(request, slug, plan_id, need=need)
    kpi = get_object_or_404(KPIS, pk=kpi_id, plan=plan)
    return kpi, plan, membership


@login_required
@require_http_methods(["GET", "POST"])
def kpi_detail(request, slug, plan_id, kpi_id):
    if request.method != "POST":
        return _kpi_page(request, slug, plan_id, kpi_id)
    kpi, plan, membership = _kpi_for(request, slug, plan_id, kpi_id, need=Can.EDIT_PLAN)
    form = KpiForm(request.POST, instance=kpi, plan=plan)
    if form.is_valid():
        try:
            services.save_kpi_settings(form.instance, form.edited_fields, form.loaded_version())
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except fed.RollUpRefused as refused:
            form.add_error(None, " ".join(refused.messages))
        else:
            messages.success(request, _("KPI settings saved."))
            return redirect("dashboard:kpi", slug, plan.pk, kpi.pk)
    return render(
        request, "dashboard/kpi.html", _kpi_context(kpi, plan, membership, form), status=422
    )


def _kpi_page(request, slug, plan_id, kpi_id):
    """The KPI page from the cache; the KPI is only loaded (or found missing) when the page is
    rendered afresh: a cached copy proves it was there at this revision (koers.lib.pagecache)."""
    plan, membership = get_plan_for(request, slug, plan_id)

    def context():
        kpi = get_object_or_404(KPIS, pk=kpi_id, plan=plan)
        form = KpiForm(instance=kpi, plan=plan)
        # What the kept settings form shows (`{% fragment %}`): the KPI's values, whom it
        # offers as owner, the "Invite someone…" link and where it returns to.
        form_shown = (
            row_state(kpi),
            fixed_choices(form.fields["owner"]),
            tuple(sorted(capabilities_of(membership))),
            request.get_full_path(),
        )
        return _kpi_context(kpi, plan, membership, form) | {"form_shown": form_shown}

    return cached_page(
        request, "dashboard/kpi.html", plan.workspace, context, rights=capabilities_of(membership)
    )


def _kpi_context(kpi, plan, membership, form) -> dict:
    # The page lists every figure and milestone anyway: the chart reads them from those lists.
    history = list(kpi.measurements.select_related("entered_by").order_by("-period"))
    milestones = list(kpi.targets.all())
    view = services.one_kpi_view(kpi, history, milestones, timezone.localdate())
    labels = [dates.chart_month(p) for p in view.periods]  # in the reader's language
    chart = line_chart(
        [
            Series(_("Actual"), view.values),
            Series(_("Target"), view.target_values, colour="#b86200", dashed=True),
        ],
        labels,
        title=kpi.name,
        desc=_("Actual against target over two years."),
        baseline=float(kpi.baseline_value) if kpi.baseline_value is not None else None,
        annotations=[
            (view.periods.index(p), n) for p, n in view.notes.items() if p in view.periods
        ],
    )
    rows = list(zip(view.periods, view.values, view.target_values, strict=True))
    can = capabilities_of(membership)
    # What the kept history table shows (`{% fragment %}`): each figure with who entered it,
    # whether this reader may correct it, and where the links lead ("kpi-period-rows" is
    # keyed on `rows` itself).
    history_shown = (
        plan.workspace.slug,
        plan.pk,
        kpi.pk,
        tuple(sorted(can)),  # the reader's rights: the "Correct" links
        kpi.roll_up,
        tuple((row_state(m), row_state(m.entered_by)) for m in history),
    )
    return _base(
        plan,
        membership,
        history_shown=history_shown,
        kpi=kpi,
        kpi_view=view,
        chart=chart,
        history=history,
        form=form,
        rows=rows,
        milestones=milestones,
        milestone_form=MilestoneForm(),
        feeding=fed.feeding(kpi),
    )


@login_required
@require_POST
def milestone(request, slug, plan_id, kpi_id):
    kpi, plan, membership = _kpi_for(request, slug, plan_id, kpi_id, need=Can.EDIT_PLAN)
    if "remove" in request.POST:
        milestone_id = ids.parse_id(request.POST["remove"])
        if milestone_id is None or not services.remove_milestone(kpi, milestone_id):
            messages.error(request, _("This milestone does not exist (any more)."))
            form = KpiForm(instance=kpi, plan=plan)
            context = _kpi_context(kpi, plan, membership, form)
            return render(request, "dashboard/kpi.html", context, status=400)
        return redirect("dashboard:kpi", slug, plan.pk, kpi.pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        services.set_milestone(kpi, form.cleaned_data["period"], form.cleaned_data["value"])
        messages.success(request, _("Milestone saved."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("dashboard:kpi", slug, plan.pk, kpi.pk)


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(request, slug, plan_id, kpi_id, measurement_id):
    kpi, plan, membership = _kpi_for(request, slug, plan_id, kpi_id, need=Can.ENTER_FIGURES)
    measurement = get_object_or_404(Measurement, pk=measurement_id, kpi=kpi)
    form = MeasurementForm(request.POST or None, instance=measurement)
    fed_from = fed.source_plans([kpi.pk]).get(kpi.pk)  # rolled up: no correcting by hand
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_figure(form.instance, ["value", "note"], form.loaded_version())
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except fed.RollUpRefused as refused:
            form.add_error(None, " ".join(refused.messages))
        else:
            return redirect("dashboard:kpi", slug, plan.pk, kpi.pk)
    context = _base(plan, membership, kpi=kpi, form=form, measurement=measurement)
    if fed_from is not None:
        context["refused"] = fed.by_hand_refusal(fed_from)
    return render(
        request,
        "dashboard/measurement_form.html",
        context,
        status=422 if form.errors else 200,
    )


def _period_from(request, today) -> date:
    raw = request.GET.get("period") or request.POST.get("period") or ""
    try:
        return rules.parse_period(raw)
    except ValueError:
        return date(today.year, today.month, 1)


@login_required
@require_http_methods(["GET", "POST"])
def grid(request, slug, plan_id):
    """All KPIs of a plan for one period in one keyboard-friendly form."""
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.ENTER_FIGURES)
    period = _period_from(request, timezone.localdate())
    if request.method != "POST":
        return cached_page(
            request,
            "dashboard/grid.html",
            plan.workspace,
            lambda: _grid_context(plan, membership, period),
        )
    kpis, current = _grid_figures(plan, period)
    errors, entered = {}, {}
    value_field = Measurement._meta.get_field("value")
    for kpi in kpis:
        if kpi.fed_from:  # rolled up from the plans below, never typed
            continue
        raw = request.POST.get(f"kpi-{kpi.pk}", "").strip()
        entered[kpi.pk] = raw
        try:
            current[kpi.pk] = numbers.parse_decimal(raw, value_field) if raw else None
        except ValidationError as error:
            errors[kpi.pk] = numbers.problem(raw, error)
    if not errors:
        try:
            changed = services.save_period(
                plan, period, {k.pk: current.get(k.pk) for k in kpis}, request.user
            )
        except fed.RollUpRefused as refused:  # a plan above would get a figure too large
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s figure saved for %(period)s.",
                    "%(n)s figures saved for %(period)s.",
                    changed,
                )
                % {"n": changed, "period": dates.month(period)},
            )
            return redirect(f"{request.path}?period={period:%Y-%m}")
    rows = [(k, entered.get(k.pk, current.get(k.pk)), errors.get(k.pk)) for k in kpis]
    context = _base(plan, membership, rows=rows, period=period, errors=errors)
    return render(request, "dashboard/grid.html", context, status=422)


@dataclass(frozen=True)
class GridKpi:
    """What the grid shows of a KPI: read as plain values, not model rows (300 KPIs)."""

    pk: int
    name: str
    strategy: str | None
    unit: str
    fed_from: tuple = ()  # a fed KPI's figure comes from these plans, not from an input


def _grid_figures(plan, period) -> tuple[list, dict]:
    """The plan's KPIs in plan order, and KPI id -> its figure for `period`."""
    columns = ("pk", "goal_id", "goal__title", "measure__name", "measure__strategy__title", "unit")
    # A fed KPI's row shows where its figure comes from instead of an input.
    fed_from = fed.source_plans(Kpi.objects.filter(plan=plan).values("pk"))
    kpis = [
        # A KPI's name: its goal's title, or its measure's name (Kpi.name).
        GridKpi(
            pk,
            goal_title if goal_id else measure_name,
            strategy,
            unit,
            tuple(fed_from.get(pk) or ()),
        )
        for pk, goal_id, goal_title, measure_name, strategy, unit in (
            services.in_plan_order(plan).values_list(*columns)
        )
    ]
    current = {m.kpi_id: m.value for m in Measurement.objects.filter(kpi__plan=plan, period=period)}
    return kpis, current


def _grid_context(plan, membership, period) -> dict:
    kpis, current = _grid_figures(plan, period)
    rows = [(k, current.get(k.pk), None) for k in kpis]
    # The table is kept (`{% fragment %}`) under everything its rows show.
    shown = (period, tuple((k, v) for k, v, _error in rows))
    return _base(plan, membership, rows=rows, period=period, errors={}, rows_shown=shown)


PREVIEW_ROWS = 200  # the preview lists this many changes and errors; the counts say the rest


@login_required
@require_http_methods(["GET", "POST"])
def import_figures(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.ENTER_FIGURES)
    session_key = f"koers-import-{plan.pk}"
    if request.method == "POST" and "confirm" in request.POST:
        table = request.session.pop(session_key, None)
        if table is None:
            messages.error(request, _("The preview expired; upload the file again."))
            return redirect("dashboard:import", slug, plan.pk)
        try:
            count = transfer.commit_rows(plan, transfer.check_rows(plan, table), request.user)
        except transfer.ImportError_ as error:
            messages.error(request, str(error))
            return redirect("dashboard:import", slug, plan.pk)
        messages.success(
            request,
            ngettext("%(n)s figure imported.", "%(n)s figures imported.", count) % {"n": count},
        )
        return redirect("dashboard:dashboard", slug, plan.pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    checked, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            table = transfer.read_upload(form.cleaned_data["file"])
            checked = transfer.check_rows(plan, table)
        except transfer.ImportError_ as error:
            form.add_error("file", str(error))
        else:
            if checked.errors:
                status = 422
            else:
                request.session[session_key] = table
    if form.errors:
        status = 422
    preview = None
    if checked is not None:
        shown = checked.errors if checked.errors else checked.new + checked.changed
        preview = {
            "rows": sorted(shown, key=lambda r: r.line)[:PREVIEW_ROWS],
            "hidden": max(0, len(shown) - PREVIEW_ROWS),
            "errors": len(checked.errors),
            "new": len(checked.new),
            "changed": len(checked.changed),
            "unchanged": checked.unchanged,
            "writes": len(checked.new) + len(checked.changed),
        }
    return render(
        request,
        "dashboard/import.html",
        _base(
            plan,
            membership,
            form=form,
            preview=preview,
            has_errors=bool(checked and checked.errors),
            max_rows=settings.IMPORT_MAX_ROWS,
            max_mb=settings.IMPORT_MAX_BYTES // 2**20,
        ),
        status=status,
    )


@login_required
@require_safe
def export_figures(request, slug, plan_id, fmt):
    plan, _membership = get_plan_for(request, slug, plan_id)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "xlsx":
        response = HttpResponse(
            transfer.export_xlsx(plan),
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    else:
        response = HttpResponse(transfer.export_csv(plan), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="measurements-{plan.period}.{fmt}"'
    return response
