"""The one-page update form (koers.meetings.update_page): for a logged-in member, and for the
personal link of the e-mail (koers.meetings.links), which opens it and nothing else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from koers.accounts import zones
from koers.accounts.permissions import Can, capabilities_of
from koers.history.context import acting
from koers.meetings import links, update_page
from koers.meetings.access import get_session_for
from koers.meetings.models import UpdateLink
from koers.plans.access import get_membership_acting_for

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
@require_http_methods(["GET", "POST"])
def my_updates(request, slug):
    membership = get_membership_acting_for(request, slug, Can.UPDATE_OWN_ACTION)
    scope = update_page.Scope(
        user=request.user, workspace=membership.workspace, membership=membership
    )
    mine = UpdateLink.objects.filter(
        user=request.user, session__plan__workspace=membership.workspace
    )
    extra = {
        "workspace": membership.workspace,
        "membership": membership,
        "nav": "my",
        "can": capabilities_of(membership),
        "active_links": links.active(mine).count(),
    }
    return answer(request, scope, request.path, extra)


def _refused(request, status=404):
    return render(request, "meetings/link_refused.html", {"status": status}, status=status)


@require_http_methods(["GET", "POST"])
def by_link(request, token):
    """The page of a personal link, for whoever holds it: no login, no other page."""
    if links.rate_limited(request):
        return _refused(request, status=429)
    found = links.check(token)
    if found is None:
        links.count_failure(request)
        return _refused(request)
    link, membership = found
    zones.enter(membership.workspace)  # the link is this page's door
    if request.user.is_authenticated and request.user.pk == link.user_id:
        return redirect("meetings:my_updates", membership.workspace.slug)  # no link needed
    if request.method not in ("GET", "HEAD", "POST"):
        return _refused(request, status=405)
    if request.method == "POST":
        links.record_use(link)
    scope = update_page.Scope(
        user=link.user,
        workspace=membership.workspace,
        plan=link.session.plan,
        session_id=link.session_id,
    )
    extra = {"link": link, "link_user": link.user}
    # The person's own language (the page has no login to carry it), and their name in the
    # history of what they write here.
    language = link.user.language or translation.get_language()
    with translation.override(language), acting(link.user, "meetings:link"):
        return answer(request, scope, reverse("meetings:link", args=[token]), extra)


@login_required
@require_POST
def revoke_my_links(request, slug):
    """The person stops every e-mail link of theirs in this workspace."""
    membership = get_membership_acting_for(request, slug, Can.UPDATE_OWN_ACTION)
    mine = UpdateLink.objects.filter(
        user=request.user, session__plan__workspace=membership.workspace
    )
    count = links.revoke(mine, request.user)
    messages.success(
        request,
        ngettext("%(n)d link stopped.", "%(n)d links stopped.", count) % {"n": count},
    )
    return redirect("meetings:my_updates", slug)


@login_required
@require_POST
def revoke_session_links(request, slug, plan_id, session_id):
    """Whoever runs the sessions stops every e-mail link of this session's round."""
    session, plan, _m = get_session_for(request, slug, plan_id, session_id, need=Can.RUN_SESSIONS)
    count = links.revoke(UpdateLink.objects.filter(session=session), request.user)
    messages.success(
        request,
        ngettext("%(n)d link stopped.", "%(n)d links stopped.", count) % {"n": count},
    )
    return redirect("meetings:round", slug, plan.pk, session.pk)
