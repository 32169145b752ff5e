"""The plan session's preparation panel and its year in view ("What changed since last year").

Each is a page of its own that the agenda and the pre-read load into place with htmx (without
JavaScript, a link opens it): the agenda page is at its query budget already, and each panel
reads several tools. The pre-read's PDF has both in full.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from koers.meetings.access import get_session_for
from koers.meetings.agenda import year_in_view_section
from koers.meetings.models import Kind
from koers.meetings.views import base_context, cached_page
from koers.meetings.year import preparation as preparation_of
from koers.meetings.year import year_in_view


def _plan_session(request, slug, plan_id, session_id):
    session, plan, membership = get_session_for(request, slug, plan_id, session_id)
    if session.kind != Kind.PLAN:
        raise Http404  # only the yearly plan session looks back over the year
    return session, plan, membership


def _page(request, template, fragment, session, plan, membership, get_extra):
    name = f"{template}#{fragment}" if request.htmx else template
    return cached_page(
        request,
        name,
        plan,
        membership,
        lambda: base_context(plan, membership, session=session, **get_extra()),
    )


@login_required
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


def year_context(session) -> dict:
    parts = [(item.kind, item.title) for item in year_in_view_section().items]
    return {"year": year_in_view(session), "year_parts": parts}


def preread_extra(session) -> dict:
    """For the pre-read's PDF, which has no htmx: the plan session's panels in full."""
    if session.kind != Kind.PLAN:
        return {}
    return {**year_context(session), "preparation": preparation_of(session)}
