"""The one-page update form (koers.meetings.update_page): for a logged-in member, and (through
`answer`) for the personal link of the e-mail (koers.meetings.links)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.accounts.permissions import Can, capabilities_of, get_membership_for
from koers.meetings import update_page

TEMPLATE = "meetings/my_updates.html"


def answer(request, scope, post_url: str, extra: dict):
    """GET shows the items; POST saves one (`only`, htmx swaps that item) or all touched ones."""
    data = request.POST if request.method == "POST" else None
    items = update_page.load_items(scope, data)
    context = {"items": items, "post_url": post_url, "space": scope.workspace, **extra}
    if data is None:
        return render(request, TEMPLATE, context)
    only = data.get("only", "")
    if only and not any(item.key == only for item in items):
        only = "-"  # an item not asked of this person (or no longer): nothing to save
    try:
        saved = update_page.save(items, scope.user, data, only=only)
    except update_page.NothingToSave:
        context["nothing"] = True
        return render(request, TEMPLATE, context, status=422)
    item = next((i for i in items if i.key == only), None)
    if request.htmx and item is not None:
        status = 200 if saved else 422
        return render(request, f"{TEMPLATE}#item", {**context, "item": item}, status=status)
    if not saved:
        return render(request, TEMPLATE, context, status=422)
    messages.success(
        request,
        ngettext("%(n)d update saved.", "%(n)d updates saved.", len(saved)) % {"n": len(saved)},
    )
    return redirect(post_url)


@login_required
def my_updates(request, slug):
    membership = get_membership_for(request, slug, Can.UPDATE_OWN_ACTION)
    scope = update_page.Scope(user=request.user, workspace=membership.workspace)
    extra = {
        "membership": membership,
        "nav": "my",
        "can": capabilities_of(membership),
        "title": _("My updates"),
    }
    return answer(request, scope, request.path, extra)
