"""Views of the action plan: list, board, adding and editing actions, strategy updates, the
definition of done, answering requests. One action's page and its steps: action_views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can, capabilities_of, get_membership_for
from koers.actions import kept, paste, queries, rules
from koers.actions.access import (
    get_action_for,
    get_request_for,
    get_strategy_for,
)
from koers.actions.forms import (
    ActionForm,
    DefinitionOfDoneForm,
    FilterForm,
    StrategyUpdateForm,
)
from koers.actions.models import Colour, Status
from koers.lib.pagecache import cached_page
from koers.lib.rowurls import row_urls
from koers.lib.versioning import STALE_MESSAGE, StaleEdit
from koers.plans.access import get_plan_for
from koers.plans.roles import people_on_plan


def _base(plan, membership, **extra):
    return {
        "workspace": plan.workspace,
        "membership": membership,
        "plan": plan,
        "can": capabilities_of(membership),
        "nav": "actions",
        **extra,
    }


def _filter(request, plan):
    strategies = plan.strategies.values_list("pk", "title")
    people = people_on_plan(plan).values_list("pk", "first_name", "last_name", "username")
    form = FilterForm(request.GET or None, strategies=strategies, people=people)
    # What the filter form shows: its widgets (200 people) are kept rendered under the rows
    # its choices are made of (with the language, in every fragment's key). A function, so
    # they are read only when the form is shown (not for htmx results).
    form.shown = lambda: (request.GET.urlencode(), tuple(strategies), tuple(people))
    values = form.cleaned_data if form.is_valid() else {}
    action_filter = queries.ActionFilter(**{k: v for k, v in values.items() if v not in (None, "")})
    return form, action_filter


@login_required
@require_safe
def action_list(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id)

    def context():
        form, action_filter = _filter(request, plan)
        grouped = action_filter.sort == "plan"
        can = capabilities_of(membership)
        base = _base(plan, membership, filter_form=form, grouped=grouped, view="list")
        # Each row kept under what it shows (koers.actions.kept): only changed rows are made.
        rows = kept.shown_rows(queries.plan_actions(plan, action_filter))
        links = (plan.workspace.slug, plan.pk, grouped, tuple(sorted(can)))
        urls = row_urls(plan.workspace.slug, plan.pk, detail="actions:detail", move="actions:move")
        kept.render_rows(rows, "action-row", "actions/_action_row.html", base, links, urls)
        runs = kept.runs_by_strategy(rows) if grouped else [kept.Run(rows)]
        return {**base, "count": len(rows), "runs": runs}

    template = "actions/action_list.html#results" if request.htmx else "actions/action_list.html"
    # Shared by everyone with the same rights: the list shows nobody's own (lib.pagecache).
    rights = capabilities_of(membership)
    return cached_page(request, template, plan.workspace, context, rights=rights)


@login_required
@require_safe
def board(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id)

    def context():
        form, action_filter = _filter(request, plan)
        base = _base(plan, membership, filter_form=form, view="board")
        # Each card kept under what it shows (koers.actions.kept); its moves are a
        # {% granted %} part, filled in per request, so one copy serves these rights.
        cards = kept.shown_rows(queries.plan_actions(plan, action_filter))
        links = (plan.workspace.slug, plan.pk)
        urls = row_urls(
            plan.workspace.slug,
            plan.pk,
            detail="actions:detail",
            status="actions:status",
            close="actions:close",
            reopen="actions:reopen",
        )
        kept.render_rows(cards, "board-card", "actions/_board_card.html", base, links, urls)
        columns = [
            (value, label, kept.Run([card for card in cards if card.status == value]))
            for value, label in Status.choices
        ]
        return {**base, "columns": columns}

    template = "actions/board.html#board" if request.htmx else "actions/board.html"
    return cached_page(
        request,
        template,
        plan.workspace,
        context,
        rights=capabilities_of(membership),
        granted=lambda: rules.updatable_ids(membership, plan),
    )


def _form_page(request, plan, membership, form, action=None, status=200):
    context = _base(plan, membership, form=form, action=action)
    return render(request, "actions/action_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.PROPOSE_ACTION)
    initial = {"strategy": request.GET.get("strategy"), "owner": request.user.pk}
    form = ActionForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.edited_fields}
        action = rules.create_action(
            fields.pop("strategy"), membership, co_owners=form.cleaned_data["co_owners"], **fields
        )
        if action.proposed:
            messages.success(request, _("Your proposal is added. The OGSM owner decides on it."))
        if request.POST.get("and_another"):
            messages.success(request, _("Saved: %(title)s. Add the next one.") % {"title": action})
            new = reverse("actions:new", args=[slug, plan.pk])
            return redirect(f"{new}?strategy={action.strategy_id}")
        return redirect("actions:detail", slug, plan.pk, action.pk)
    return _form_page(request, plan, membership, form, status=422 if form.errors else 200)


@login_required
@require_POST
def paste_actions(request, slug, plan_id, strategy_id):
    """One action per line of a pasted list, under the strategy it was pasted on (plan page)."""
    strategy, plan, membership = get_strategy_for(
        request, slug, plan_id, strategy_id, need=Can.PROPOSE_ACTION
    )
    try:
        created = paste.create_actions_from_list(strategy, membership, request.POST.get("lines"))
    except (paste.PasteError, rules.ActionError) as error:
        messages.error(request, str(error))
    else:
        text = ngettext(
            "%(count)s action added to %(strategy)s.",
            "%(count)s actions added to %(strategy)s.",
            len(created),
        )
        messages.success(request, text % {"count": len(created), "strategy": strategy})
    page = reverse("plans:detail", args=[slug, plan.pk])
    return redirect(f"{page}#strategy-{strategy.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, slug, plan_id, action_id):
    action, plan, membership = get_action_for(
        request, slug, plan_id, action_id, need=Can.MANAGE_ACTIONS
    )
    form = ActionForm(request.POST or None, instance=action, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_action(
                form.instance,
                form.edited_fields,
                form.loaded_version(),
                co_owners=form.cleaned_data["co_owners"],
            )
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
            form.data = form.data.copy()
            form.data["version"] = type(action).objects.get(pk=action.pk).version
        else:
            return redirect("actions:detail", slug, plan.pk, action.pk)
    return _form_page(request, plan, membership, form, action, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def strategy_update(request, slug, plan_id, strategy_id):
    # Everyone reads a strategy's updates; only its owner and team leads post one.
    strategy, plan, membership = get_strategy_for(
        request, slug, plan_id, strategy_id, updating=request.method == "POST"
    )
    allowed = rules.can_update_strategy(membership, strategy)
    form = StrategyUpdateForm(request.POST or None, initial={"colour": Colour.GREEN})
    if request.method == "POST" and form.is_valid():
        rules.post_strategy_update(strategy, request.user, **form.cleaned_data)
        messages.success(request, _("Strategy update posted."))
        return redirect("actions:strategy_update", slug, plan.pk, strategy.pk)
    updates = strategy.updates.select_related("author")[:20]
    context = _base(
        plan, membership, strategy=strategy, form=form, updates=updates, allowed=allowed
    )
    return render(
        request, "actions/strategy_update.html", context, status=422 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def definition_of_done(request, slug, plan_id):
    # Everyone reads the definition of done; only plan editors change it.
    need = Can.EDIT_PLAN if request.method == "POST" else Can.VIEW
    plan, membership = get_plan_for(request, slug, plan_id, need=need)
    dod = rules.definition_of_done(plan)
    form = DefinitionOfDoneForm(request.POST or None, instance=dod)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_definition_of_done(form.instance, form.loaded_version())
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("Definition of done saved."))
            return redirect("actions:definition_of_done", slug, plan.pk)
    context = _base(plan, membership, form=form, dod=dod)
    return render(
        request, "actions/definition_of_done.html", context, status=422 if form.errors else 200
    )


@login_required
@require_POST
def answer_request(request, slug, update_id):
    membership = get_membership_for(request, slug)
    update = get_request_for(membership, update_id, answering=True)
    try:
        rules.answer_request(update, request.user)
        messages.success(request, _("Marked as answered."))
    except rules.ActionError as error:
        messages.error(request, str(error))
    return redirect("meetings:my_work", slug)  # the page that lists requests
