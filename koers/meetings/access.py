"""Fetch a session through its plan's permission door, in the door's own query."""

from django.db.models import FilteredRelation, OuterRef, Q, Subquery
from django.http import Http404

from koers.accounts.permissions import Can
from koers.meetings.models import Cadence, Kind, Session
from koers.meetings.rules import default_cadence
from koers.plans.access import check, valid_id, with_membership
from koers.plans.models import PlanVersion


def get_session_for(
    request, slug, plan_id, session_id, need: Can = Can.VIEW, with_draft: bool = False
):
    """Return (session, plan, membership); 404 when the session is not this plan's.

    The session comes with what the session pages read next to it: the plan's rhythm (when it
    has one yet) and `previous_steering_at`, the start of the steering session before it (the
    agenda's look-back, as `loading.previous_steering_start`), all in the door's one query;
    `with_draft` adds `plan.draft`, the draft of the next version or None.
    """
    if not request.user.is_authenticated:
        raise Http404
    previous = Session.objects.filter(
        plan_id=OuterRef("plan_id"), kind=Kind.STEERING, starts_at__lt=OuterRef("starts_at")
    ).order_by("-starts_at")
    sessions = Session.objects.filter(pk=valid_id(session_id), plan_id=valid_id(plan_id))
    sessions = sessions.select_related("plan__workspace", "plan__cadence").annotate(
        previous_steering_at=Subquery(previous.values("starts_at")[:1])
    )
    if with_draft:
        sessions = sessions.annotate(
            draft=FilteredRelation(
                "plan__versions", condition=Q(plan__versions__status=PlanVersion.Status.DRAFT)
            )
        ).select_related("draft")
    session = with_membership(sessions, slug, request.user, plan_path="plan__").first()
    if session is None:
        raise Http404
    plan = session.plan
    membership = check(request, plan, session.member_id, session.member_role, need)
    if with_draft:
        # A filtered relation that matched no row leaves the attribute unset.
        plan.draft = getattr(session, "draft", None)
    try:
        plan.cadence  # noqa: B018  (loaded with the session, or missing)
    except Cadence.DoesNotExist:
        plan.cadence = default_cadence(plan)  # until the process owner sets a rhythm
    return session, plan, membership
