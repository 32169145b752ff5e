"""Strengths, vulnerabilities, opportunities and risks: the 2×2 and the decision on each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from koers.accounts.permissions import Can
from koers.analysis import confrontation
from koers.analysis import swot as rules
from koers.analysis.access import get_live, membership_for
from koers.analysis.errors import AnalysisError
from koers.analysis.forms import DecisionForm, SwotItemForm
from koers.analysis.models import Confrontation, SwotItem, SwotKind
from koers.analysis.views import form_page, page, tool_context
from koers.lib.keptrows import Rows, lazy
from koers.lib.pagecache import cached_page
from koers.lib.redirects import safe_next
from koers.lib.rowurls import add_urls
from koers.lib.versioning import STALE_MESSAGE, StaleEdit, save_versioned

ITEMS = SwotItem.objects.select_related(
    "trend", "scenario", "canvas_item", "strategy__plan", "action__strategy", "decided_by"
)


# The relations the SWOT page shows of each item (its rows are in the kept block's key).
SHOWN = ("trend", "action__strategy", "strategy")


def _swot_url(slug, item=None):
    url = reverse("analysis:swot", args=[slug])
    return f"{url}#swot-{item.pk}" if item else url


@login_required
@require_safe
def swot(request, slug):
    membership = membership_for(request, slug)

    def context():
        # Read as values, the key of the kept quadrants; built into items only on a miss.
        workspace = membership.workspace
        items = SwotItem.objects.filter(workspace=workspace)
        live = Rows(items.filter(archived_at__isnull=True).select_related(*SHOWN))
        archived = Rows(items.filter(archived_at__isnull=False).order_by("-archived_at")[:50])
        urls = {"decide": "analysis:swot_decide", "edit": "analysis:swot_edit"}
        return {
            "shown": (live.state, archived.state),
            "quadrants": lazy(lambda: rules.by_kind(add_urls(live.objects, slug, **urls))),
            "archived": lazy(lambda: archived.objects),
            "undecided": live.column("decision").count("open"),
        }

    return cached_page(
        request,
        "analysis/swot.html",
        membership.workspace,
        tool_context(membership, "swot", context),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request, slug):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    kind = request.GET.get("kind", "")
    form = SwotItemForm(
        request.POST or None, initial={"kind": kind if kind in SwotKind.values else ""}
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("kind", "description", "source")}
        item = rules.add_item(membership.workspace, request.user, **fields)
        return redirect(_swot_url(slug, item))
    return form_page(
        request,
        membership,
        "swot",
        form,
        title=_("New strength, vulnerability, opportunity or risk"),
        action=request.get_full_path(),
        cancel=_swot_url(slug),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, slug, item_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    item = get_live(SwotItem.objects.all(), membership, item_id)
    form = SwotItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            save_versioned(form.instance, form.edited_fields, form.loaded_version())
            return redirect(_swot_url(slug, item))
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
    return form_page(
        request,
        membership,
        "swot",
        form,
        title=_("Edit item"),
        action=request.get_full_path(),
        cancel=_swot_url(slug, item),
        delete_url=reverse("analysis:swot_delete", args=[slug, item.pk]),
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request, slug, item_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    item = get_live(SwotItem.objects.all(), membership, item_id)
    if request.method == "POST":
        rules.archive_item(item)
        messages.success(request, _("“%(item)s” was archived.") % {"item": item})
        return redirect(_swot_url(slug))
    return page(
        request,
        "analysis/confirm.html",
        membership,
        "swot",
        item=item,
        warning=_("It stays visible under earlier items."),
        cancel=_swot_url(slug, item),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, slug, item_id):
    """Respond (with a strategy or action) or ignore for now (with a reason)."""
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    item = get_live(ITEMS, membership, item_id)
    back = safe_next(request, _swot_url(slug, item))
    initial = {
        "decision": item.decision if item.decision != "open" else "respond",
        "reason": item.reason,
        "strategy": item.strategy_id,
        "action": item.action_id,
    }
    form = DecisionForm(request.POST or None, initial=initial, workspace=membership.workspace)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rules.decide(
                item,
                request.user,
                data["decision"],
                reason=data["reason"],
                strategy=data["strategy"],
                action=data["action"],
            )
            messages.success(request, _("Decision recorded."))
            return redirect(back)
        except AnalysisError as error:
            form.add_error(None, str(error))
    return form_page(
        request,
        membership,
        "swot",
        form,
        title=_("Decide: %(item)s") % {"item": item},
        action=request.get_full_path(),
        cancel=back,
        subject=item,
        next=back,
    )


# Short row and column codes of the matrix; Dutch needs two letters (kans, kwetsbaarheid).
CODES = {
    SwotKind.STRENGTH: pgettext_lazy("matrix code of a strength", "S"),
    SwotKind.VULNERABILITY: pgettext_lazy("matrix code of a vulnerability", "V"),
    SwotKind.OPPORTUNITY: pgettext_lazy("matrix code of an opportunity", "O"),
    SwotKind.RISK: pgettext_lazy("matrix code of a risk", "R"),
}


def _matrix_rows(membership) -> tuple[Rows, Rows]:
    """The live items and the scores of their pairs, as values (the kept matrix's key)."""
    items = Rows(SwotItem.objects.filter(workspace=membership.workspace, archived_at__isnull=True))
    ids = items.column("id")
    return items, Rows(Confrontation.objects.filter(internal__in=ids, external__in=ids))


def _matrix(membership):
    items, scores = _matrix_rows(membership)
    return confrontation.build(items.objects, scores.objects)


def _submitted(post) -> dict | None:
    """{(internal, external): score} from fields named "c-<internal>-<external>"; None if any
    value is not a valid score."""
    submitted = {}
    for name, value in post.items():
        if not name.startswith("c-"):
            continue
        try:
            _c, internal, external = name.split("-")
            score = int(value)
            pair = (int(internal), int(external))
        except ValueError:
            return None
        if score not in Confrontation.Score.values:
            return None
        submitted[pair] = score
    return submitted


@login_required
@require_http_methods(["GET", "POST"])
def matrix(request, slug):
    """The confrontation matrix; editors score every pair in one form."""
    need = Can.EDIT_ANALYSIS if request.method == "POST" else Can.VIEW
    membership = membership_for(request, slug, need=need)
    if request.method == "POST":
        current = _matrix(membership)
        submitted = _submitted(request.POST)
        if submitted is None:
            messages.error(request, _("Each cell takes ·, + or ++. Nothing was saved."))
        else:
            changed = confrontation.save_scores(current, submitted)
            messages.success(
                request,
                ngettext("%(n)s cell saved.", "%(n)s cells saved.", changed) % {"n": changed},
            )
        return redirect(reverse("analysis:swot_matrix", args=[slug]))

    def context():
        items, scores = _matrix_rows(membership)

        def coded():
            current = confrontation.build(items.objects, scores.objects)
            for number, row in enumerate(current.internal, start=1):
                row.code = f"{CODES[row.kind]}{number}"
                row.total = current.row_totals[row.pk]
                row.cells = [
                    (col, current.scores.get((row.pk, col.pk), 0)) for col in current.external
                ]
            for number, col in enumerate(current.external, start=1):
                col.code = f"{CODES[col.kind]}{number}"
                col.total = current.column_totals[col.pk]
            return current

        return {
            "shown": (items.state, scores.state),
            "matrix": lazy(coded),  # built only when the kept block is rendered
            "choices": Confrontation.Score.choices,
        }

    return cached_page(
        request,
        "analysis/matrix.html",
        membership.workspace,
        tool_context(membership, "swot", context),
    )
