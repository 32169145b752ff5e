"""Views of the analysis tools, one module per tool; shared page helpers live here."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.permissions import capabilities_of


def _base(membership, tool) -> dict:
    can = capabilities_of(membership)
    return {
        "workspace": membership.workspace,
        "membership": membership,
        "can": can,
        # The capabilities as a kept block's key part (`{% fragment %}`): sorted, one spelling.
        "rights": tuple(sorted(can)),
        "nav": "analysis",
        "tool": tool,
    }


def page(request, template, membership, tool, status=200, **context):
    """Render a tool page with what every analysis page needs (nav, tabs, capabilities)."""
    return render(request, template, {**_base(membership, tool), **context}, status=status)


def tool_context(membership, tool, get_context):
    """The context of a cached tool page (koers.lib.pagecache.cached_page): what every analysis
    page needs, then the tool's own `get_context()`, both only when the page is rendered afresh."""
    return lambda: {**_base(membership, tool), **get_context()}


def form_page(request, membership, tool, form, *, title, action, cancel, status=200, **extra):
    """The one generic form page (new / edit) of the analysis tools."""
    return page(
        request,
        "analysis/form.html",
        membership,
        tool,
        status=status,
        form=form,
        title=title,
        action=action,
        cancel=cancel,
        **extra,
    )


def save_new(form, membership):
    """Save a new object from a valid model form as part of the member's workspace, by them."""
    obj = form.save(commit=False)
    obj.workspace, obj.created_by = membership.workspace, membership.user
    obj.save()
    return obj


def archive_page(request, membership, tool, obj, *, warning, cancel, done):
    """Confirm, then archive `obj` (soft delete: it keeps its history) and go to `done`."""
    if request.method == "POST":
        obj.archived_at = timezone.now()
        obj.save(update_fields=["archived_at"])
        messages.success(request, _("“%(item)s” was archived.") % {"item": obj})
        return redirect(done)
    return page(
        request, "analysis/confirm.html", membership, tool, item=obj, warning=warning, cancel=cancel
    )
