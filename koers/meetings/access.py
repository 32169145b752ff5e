"""Fetch a session through its plan's permission door."""

from django.shortcuts import get_object_or_404

from koers.accounts.permissions import Can
from koers.meetings.models import Session
from koers.plans.access import get_plan_for


def get_session_for(request, slug, plan_id, session_id, need: Can = Can.VIEW):
    plan, membership = get_plan_for(request, slug, plan_id, need=need)
    session = get_object_or_404(Session, pk=session_id, plan=plan)
    session.plan = plan  # already loaded, with its workspace
    return session, plan, membership
