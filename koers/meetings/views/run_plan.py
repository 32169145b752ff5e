"""Session mode's plan-session steps on what it evaluates (rules in meetings/plan_steps.py):
deciding each SWOT item, and the KPIs' milestones in the bottom-up dashboard and goals items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.actions.models import Action
from koers.actions.queries import is_open
from koers.analysis.models import SwotItem
from koers.dashboard.models import Kpi, KpiTarget
from koers.dashboard.services import milestones_seen
from koers.lib.ids import parse_id
from koers.lib.versioning import StaleEdit
from koers.meetings import plan_steps
from koers.meetings.forms import MilestoneStepForm, NewActionForm, SwotStepForm
from koers.meetings.kinds import ItemKind
from koers.meetings.rules import SessionError
from koers.meetings.views.run import _back, _refuse, _session_post
from koers.plans import versions
from koers.plans.forms import draft_item_form
from koers.plans.models import Strategy

MILESTONE_ITEMS = {ItemKind.DRAFT_DASHBOARD: "measure_id", ItemKind.DRAFT_GOALS: "goal_id"}


def _responses(data) -> list:
    """What a SWOT item may be answered with, from the agenda's data (no query)."""
    open_actions = [a for a in data.actions if is_open(a)]  # their strategies are loaded
    return [
        ("", "—"),
        ("new-strategy", _("A new strategy, in the draft of the next version")),
        ("new-action", _("A new action, at once")),
        (_("Strategies"), [(f"s{s.pk}", s.title) for s in data.strategies]),
        (_("Actions"), [(f"a{a.pk}", a.title) for a in open_actions]),
    ]


def _current_response(entry) -> str:
    if entry.action_id:
        return f"a{entry.action_id}"
    return f"s{entry.strategy_id}" if entry.strategy_id else ""


IN_EFFECT = {"milestone", "new_action"}  # decided at once, outside the draft


def plan_step_context(item, plan, data, decisions) -> dict:
    """The decision forms of the item on screen: one per SWOT item on the analysis item, one
    per KPI on the dashboard and goals items (their milestones in one query); "Update the
    OGSM" also lists what the session changed at once, which the draft does not show."""
    if item is None:
        return {}
    if item.kind == ItemKind.UPDATE_OGSM:
        return {"in_effect": [d for d in decisions if d.type in IN_EFFECT]}
    if item.kind == ItemKind.ANALYSIS:
        responses = _responses(data)
        strategies = [(s.pk, s.title) for s in data.strategies]
        draft = getattr(plan, "draft", None)
        forms = []
        for entry in item.entries:
            initial = {
                "item": entry.pk,
                "version": entry.version,
                "draft_version": draft.version if draft else None,
                "decision": "ignore" if entry.decision == "ignore" else "respond",
                "response": _current_response(entry),
                "reason": entry.reason,
            }
            form = SwotStepForm(
                initial=initial,
                responses=responses,
                strategies=strategies,
                auto_id=f"swot{entry.pk}_%s",
            )
            forms.append((entry, form))
        return {"swot_forms": forms}
    if item.kind in MILESTONE_ITEMS:
        kpis = [k for k in data.kpis if getattr(k, MILESTONE_ITEMS[item.kind])]
        strategy_titles = {s.pk: s.title for s in data.strategies}
        by_kpi: dict = {}
        for target in KpiTarget.objects.filter(kpi__in=[k.pk for k in kpis]).order_by("period"):
            by_kpi.setdefault(target.kpi_id, []).append(target)
        rows = []
        for kpi in kpis:
            own = by_kpi.get(kpi.pk, [])
            form = MilestoneStepForm(
                initial={"kpi": kpi.pk, "seen": milestones_seen(own)}, auto_id=f"ms{kpi.pk}_%s"
            )
            group = strategy_titles.get(kpi.measure.strategy_id, "") if kpi.measure_id else ""
            rows.append({"kpi": kpi, "group": group, "milestones": own, "form": form})
        return {"milestone_rows": rows}
    return {}


def _errors(form) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


def _response(plan, data):
    """(how, target) for `decide_swot` from the form's choice; SessionError when it is not of
    this plan or its new strategy or action does not pass the plan's own forms."""
    choice = data["response"]
    if choice == "new-strategy":
        form = draft_item_form(
            "strategy", plan, None, {"title": data["title"], "description": "", "owner": ""}
        )
        if not form.is_valid():
            raise SessionError(_errors(form))
        values = versions.plain_values("strategy", form.cleaned_data)
        return "new_strategy", (plan, data["draft_version"], values)
    if choice == "new-action":
        form = NewActionForm({"strategy": data["strategy"], "title": data["title"]}, plan=plan)
        if not form.is_valid():
            raise SessionError(_errors(form))
        return "new_action", (form.cleaned_data["strategy"], form.cleaned_data["title"])
    pk = parse_id(choice[1:])
    if choice.startswith("s"):
        target = Strategy.objects.select_related("plan").filter(pk=pk, plan=plan).first()
        how = "strategy"
    else:
        actions = Action.objects.select_related("strategy__plan")
        target = actions.filter(pk=pk, strategy__plan=plan, archived_at__isnull=True).first()
        how = "action"
    if target is None:
        raise SessionError(_("Choose a strategy or action of this plan."))
    return how, target


@login_required
@require_POST
def swot_decide(request, slug, plan_id, session_id):
    session, plan, membership, index = _session_post(request, slug, plan_id, session_id)
    form = SwotStepForm(request.POST)
    if not form.is_valid():
        return _refuse(request, session, plan, membership, _errors(form))
    data = form.cleaned_data
    item = SwotItem.objects.filter(
        pk=data["item"], workspace=plan.workspace, archived_at__isnull=True
    ).first()
    try:
        if item is None:
            raise SessionError(_("This item is no longer on the list."))
        response = _response(plan, data) if data["decision"] == "respond" else None
        plan_steps.decide_swot(
            session, membership, item, data["version"], data["decision"], data["reason"], response
        )
    except StaleEdit:
        return _refuse(request, session, plan, membership, plan_steps.SWOT_STALE)
    except SessionError as error:
        return _refuse(request, session, plan, membership, error)
    messages.success(request, _("Decided: “%(item)s”.") % {"item": item.description})
    return _back(session, index)


@login_required
@require_POST
def milestone(request, slug, plan_id, session_id):
    session, plan, membership, index = _session_post(request, slug, plan_id, session_id)
    form = MilestoneStepForm(request.POST)
    if not form.is_valid():
        return _refuse(request, session, plan, membership, _errors(form))
    data = form.cleaned_data
    kpi = Kpi.objects.select_related("goal", "measure").filter(pk=data["kpi"], plan=plan).first()
    try:
        if kpi is None:
            raise SessionError(_("Choose a KPI of this plan."))
        decided = plan_steps.decide_milestone(
            session, request.user, kpi, data["period"], data["value"], data["seen"]
        )
    except StaleEdit:
        error = _(
            "Someone changed the milestones of “%(name)s” meanwhile; look again and decide again."
        ) % {"name": kpi.name}
        return _refuse(request, session, plan, membership, error)
    except SessionError as error:
        return _refuse(request, session, plan, membership, error)
    messages.success(request, decided.text if decided else _("Nothing changed."))
    return _back(session, index)
