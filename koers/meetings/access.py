"""Fetch a session through its plan's permission door."""

from functools import partial

from django.shortcuts import get_object_or_404

from koers.accounts.permissions import Can
from koers.meetings.loading import previous_steering_start
from koers.meetings.models import Session
from koers.plans.access import get_plan_for


def get_session_for(request, slug, plan_id, session_id, need: Can = Can.VIEW):
    """Return (session, plan, membership)."""
    plan, membership = get_plan_for(request, slug, plan_id, need=need)
    return load_session(plan, session_id), plan, membership


def session_door(request, slug, plan_id, session_id, need: Can = Can.VIEW):
    """Return (plan, membership, load) for a page served from the cache.

    `load()` fetches the session (404 if it is not in this plan) when the page is rendered
    afresh; a copy in the cache proves the session was there at this revision (koers.lib.pagecache).
    """
    plan, membership = get_plan_for(request, slug, plan_id, need=need)
    return plan, membership, partial(load_session, plan, session_id)


def load_session(plan, session_id) -> Session:
    """The plan's session, with what the session pages read next to it: the plan's rhythm and
    the start of the previous steering session (the agenda's look-back), instead of a query each.
    """
    session = get_object_or_404(
        Session.objects.select_related("plan__cadence").annotate(
            previous_steering_at=previous_steering_start()
        ),
        pk=session_id,
        plan=plan,
    )
    if hasattr(session.plan, "cadence"):  # a plan has no rhythm until a page first asks for it
        plan.cadence = session.plan.cadence
    session.plan = plan  # the door's copy, with its workspace
    return session
