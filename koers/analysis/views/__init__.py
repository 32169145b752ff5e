"""Views of the analysis tools, one module per tool; shared page helpers live here."""

from django.shortcuts import render

from koers.accounts.permissions import capabilities_of
from koers.plans.views import STALE_MESSAGE  # noqa: F401  (re-exported for the tool views)


def page(request, template, membership, tool, status=200, **context):
    """Render a tool page with what every analysis page needs (nav, tabs, capabilities)."""
    base = {
        "workspace": membership.workspace,
        "membership": membership,
        "can": capabilities_of(membership),
        "nav": "analysis",
        "tool": tool,
    }
    return render(request, template, {**base, **context}, status=status)


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
