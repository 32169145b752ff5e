"""The plan session's preparation panel and its year in view ("What changed since last year").

Each is a page of its own that the agenda and the pre-read load into place with htmx (without
JavaScript, a link opens it): the agenda page is at its query budget already, and each panel
reads several tools. The pre-read's PDF has both in full.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from koers.accounts.permissions import Can
from koers.lib.ids import parse_id
from koers.lib.pagecache import cached_page
from koers.meetings.access import get_session_for
from koers.meetings.agenda import year_in_view_section
from koers.meetings.context import base_context
from koers.meetings.figures import ask_for_figures
from koers.meetings.models import Kind
from koers.meetings.rules import SessionError
from koers.meetings.year import preparation as preparation_of
from koers.meetings.year import year_in_view


def _plan_session(request, slug, plan_id, session_id, need=Can.VIEW):
    session, plan, membership = get_session_for(request, slug, plan_id, session_id, need=need)
    if session.kind != Kind.PLAN:
        raise Http404  # only the yearly plan session looks back over the year
    return session, plan, membership


def _page(request, template, fragment, session, plan, membership, get_extra):
    name = f"{template}#{fragment}" if request.htmx else template
    return cached_page(
        request,
        name,
        plan.workspace,
        lambda: base_context(plan, membership, session=session, **get_extra()),
    )


@login_required
@require_safe
def year(request, slug, plan_id, session_id):
    session, plan, membership = _plan_session(request, slug, plan_id, session_id)
    return _page(
        request,
        "meetings/year.html",
        "year",
        session,
        plan,
        membership,
        lambda: year_context(session),
    )


@login_required
@require_safe
def preparation(request, slug, plan_id, session_id):
    session, plan, membership = _plan_session(request, slug, plan_id, session_id)
    return _page(
        request,
        "meetings/preparation.html",
        "panel",
        session,
        plan,
        membership,
        lambda: {"preparation": preparation_of(session)},
    )


@login_required
@require_POST
def ask_figures(request, slug, plan_id, session_id):
    """The panel's "Ask to enter them": one e-mail to the owner (koers.meetings.figures)."""
    session, plan, membership = _plan_session(
        request, slug, plan_id, session_id, need=Can.RUN_SESSIONS
    )
    try:
        kpis = ask_for_figures(session, parse_id(request.POST.get("owner")) or 0)
    except SessionError as error:
        messages.error(request, str(error))
        context = base_context(
            plan, membership, session=session, preparation=preparation_of(session)
        )
        return render(request, "meetings/preparation.html", context, status=422)
    messages.success(
        request,
        ngettext(
            "%(name)s is asked by e-mail for %(n)s figure.",
            "%(name)s is asked by e-mail for %(n)s figures.",
            len(kpis),
        )
        % {"name": kpis[0].owner.display_name, "n": len(kpis)},
    )
    return redirect("meetings:detail", slug, plan.pk, session.pk)


def year_context(session) -> dict:
    parts = [(item.kind, item.title) for item in year_in_view_section().items]
    return {"year": year_in_view(session), "year_parts": parts}


def preread_extra(session) -> dict:
    """For the pre-read's PDF, which has no htmx: the plan session's panels in full."""
    if session.kind != Kind.PLAN:
        return {}
    return {**year_context(session), "preparation": preparation_of(session)}
