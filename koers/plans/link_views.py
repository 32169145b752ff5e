"""The plan page's "Serves" section: link the plan under another plan's strategy or goal,
remove a link, mark a change of the served item seen (koers.plans.cascade, .serving).

Each answers htmx with the section alone and a plain form with a redirect to the plan page;
a refusal (a circle, an item gone, a colleague's change) is shown in the section with a 422.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from koers.accounts.permissions import Can
from koers.lib.forms import MAX_VERSION
from koers.lib.versioning import STALE_MESSAGE, StaleEdit
from koers.plans import cascade, serving
from koers.plans.access import get_plan_for
from koers.plans.models import PlanLink
from koers.plans.views import _back_to_plan, _plan_page


class LinkForm(forms.Form):
    item = forms.ChoiceField(label=gettext_lazy("Strategy or goal this plan serves"))

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "—"), *serving.link_choices(plan)]


def _answer(request, plan, membership, *, status=200, **state):
    if status == 200 and request.method == "POST" and not request.htmx:
        return _back_to_plan(request, plan, "serves")
    return _plan_page(request, plan, membership, block="serves", status=status, **state)


@login_required
@require_http_methods(["GET", "POST"])
def serve(request, slug, plan_id):
    """Add a link: the form of the items this plan may serve."""
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    form = LinkForm(plan, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        item = serving.item_for_choice(form.cleaned_data["item"])
        try:
            if item is None:
                raise cascade.CascadeError(_("This item has been retired; choose a current one."))
            cascade.link(plan, item, by=request.user)
        except cascade.CascadeError as error:
            form.add_error("item", str(error))
        else:
            return _answer(request, plan, membership)
    return _answer(request, plan, membership, status=422 if form.errors else 200, link_form=form)


def _version(request) -> int:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) <= MAX_VERSION else -1


@login_required
@require_POST
def unserve(request, slug, plan_id, link_id):
    """Stop serving an item. Only the link as it was shown is removed (its version)."""
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    plan_link = get_object_or_404(PlanLink, pk=link_id, child=plan)
    removed, _rows = PlanLink.objects.filter(pk=plan_link.pk, version=_version(request)).delete()
    if not removed:
        return _answer(request, plan, membership, status=422, serves_message=STALE_MESSAGE)
    return _answer(request, plan, membership)


@login_required
@require_POST
def serve_seen(request, slug, plan_id, link_id):
    """Mark the served item's change seen: its notice goes until the parent changes it again."""
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    plan_link = get_object_or_404(
        PlanLink.objects.select_related("parent_strategy__plan", "parent_goal__plan"),
        pk=link_id,
        child=plan,
    )
    try:
        serving.mark_seen(plan_link, _version(request))
    except StaleEdit:
        return _answer(request, plan, membership, status=422, serves_message=STALE_MESSAGE)
    return _answer(request, plan, membership)
