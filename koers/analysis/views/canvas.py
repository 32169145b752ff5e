"""The business model canvas: items per block, marks, versions and their comparison."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can
from koers.analysis import canvas as rules
from koers.analysis.access import get_live, membership_for
from koers.analysis.forms import CanvasItemForm, VersionLabelForm
from koers.analysis.models import Block, CanvasItem, CanvasVersion
from koers.analysis.views import form_page, page, tool_context
from koers.lib.ids import parse_id
from koers.lib.keptrows import Rows, lazy
from koers.lib.pagecache import cached_page
from koers.lib.rowurls import add_urls
from koers.lib.versioning import STALE_MESSAGE, StaleEdit


def _canvas_url(slug, block=""):
    url = reverse("analysis:canvas", args=[slug])
    return f"{url}#block-{block}" if block else url


@login_required
@require_safe
def canvas(request, slug):
    membership = membership_for(request, slug)

    def context():
        # Read as values, the key of the kept canvas and versions; built only on a miss.
        items = Rows(rules.active_items(membership.workspace))
        # Not their snapshots (`items`): the list does not show them (nor is it keyed on them).
        versions = Rows(
            CanvasVersion.objects.filter(workspace=membership.workspace)
            .select_related("saved_by")
            .defer("items")
        )
        edit = "analysis:canvas_item_edit"
        return {
            "shown": (items.state, versions.state),
            "blocks": lazy(lambda: rules.by_block(add_urls(items.objects, slug, edit=edit))),
            "versions": lazy(lambda: versions.objects),
        }

    return cached_page(
        request,
        "analysis/canvas.html",
        membership.workspace,
        tool_context(membership, "canvas", context),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request, slug):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    block = request.GET.get("block", "")
    form = CanvasItemForm(
        request.POST or None, initial={"block": block if block in Block.values else ""}
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("block", "text", "mark", "why")}
        rules.add_item(membership.workspace, **data)
        return redirect(_canvas_url(slug, data["block"]))
    return form_page(
        request,
        membership,
        "canvas",
        form,
        title=_("New item on the business model"),
        action=request.get_full_path(),
        cancel=_canvas_url(slug),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, slug, item_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    item = get_live(CanvasItem.objects.all(), membership, item_id)
    form = CanvasItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_item(form.instance, form.edited_fields, form.loaded_version())
            return redirect(_canvas_url(slug, item.block))
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
    return form_page(
        request,
        membership,
        "canvas",
        form,
        title=_("Edit business model item"),
        action=request.get_full_path(),
        cancel=_canvas_url(slug, item.block),
        delete_url=reverse("analysis:canvas_item_delete", args=[slug, item.pk]),
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request, slug, item_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    item = get_live(CanvasItem.objects.all(), membership, item_id)
    if request.method == "POST":
        rules.archive_item(item)
        messages.success(request, _("“%(item)s” was removed from the canvas.") % {"item": item})
        return redirect(_canvas_url(slug, item.block))
    return page(
        request,
        "analysis/confirm.html",
        membership,
        "canvas",
        item=item,
        warning=_("Saved versions keep it; a strength or vulnerability made from it is archived."),
        cancel=_canvas_url(slug, item.block),
    )


@login_required
@require_POST
def version_save(request, slug):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    form = VersionLabelForm(request.POST)
    if form.is_valid():
        rules.save_version(membership.workspace, form.cleaned_data["label"], request.user)
        messages.success(request, _("Version saved."))
    else:
        messages.error(request, _("Give the version a name."))
    return redirect(_canvas_url(slug))


def _snapshot(membership, key):
    if key == "current":
        return _("Now"), rules.snapshot(membership.workspace)
    if parse_id(key) is None:
        return None, None
    version = get_object_or_404(CanvasVersion, pk=parse_id(key), workspace=membership.workspace)
    return version.label, version.items


@login_required
@require_safe
def compare(request, slug):
    membership = membership_for(request, slug)

    def context():
        versions = list(
            CanvasVersion.objects.filter(workspace=membership.workspace).only(
                "pk", "label", "saved_at"
            )
        )
        older_key = request.GET.get("older") or (versions[0].pk if versions else "")
        newer_key = request.GET.get("newer") or "current"
        older_label, older = _snapshot(membership, older_key)
        newer_label, newer = _snapshot(membership, newer_key)
        both = older is not None and newer is not None
        return {
            "versions": versions,
            "older_key": str(older_key),
            "newer_key": str(newer_key),
            "older_label": older_label,
            "newer_label": newer_label,
            "comparison": rules.compare(older, newer) if both else None,
            "blocks": dict(Block.choices),
        }

    return cached_page(
        request,
        "analysis/compare.html",
        membership.workspace,
        tool_context(membership, "canvas", context),
    )
