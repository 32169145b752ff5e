"""Fetch a session through its plan's permission door."""

from django.shortcuts import get_object_or_404

from koers.accounts.permissions import Can
from koers.meetings.loading import previous_steering_start
from koers.meetings.models import Session
from koers.plans.access import get_plan_for


def get_session_for(request, slug, plan_id, session_id, need: Can = Can.VIEW):
    """Return (session, plan, membership).

    The session's query also brings what the session pages read next to it, the plan's rhythm and
    the start of the previous steering session (the agenda's look-back), instead of a query each.
    """
    plan, membership = get_plan_for(request, slug, plan_id, need=need)
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
    return session, plan, membership
