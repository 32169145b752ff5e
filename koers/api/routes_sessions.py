"""Sessions, their decisions and minutes (read)."""

from django.http import HttpResponse
from ninja import Query, Router

from koers.api import schemas as s
from koers.api.core import MAX_LIMIT, READ_ERRORS, page, plan_door, tagged, token_allows
from koers.meetings.access import get_session_for
from koers.meetings.models import AgendaNote, Decision, EvaluationItem, Session

router = Router(tags=["sessions"])


def _session(request, slug, plan_id, session_id):
    token_allows(request, slug, write=False)
    session, _plan, _membership = get_session_for(request, slug, plan_id, session_id)
    return session


def _decision_out(decision) -> s.DecisionOut:
    return s.DecisionOut(
        id=decision.pk,
        type=decision.type,
        action_id=decision.action_id,
        text=decision.text,
        decided_by_id=decision.decided_by_id,
        created_at=decision.created_at,
    )


@router.get("/w/{slug}/plans/{plan_id}/sessions", response={200: s.SessionPage, **READ_ERRORS})
def list_sessions(
    request,
    response: HttpResponse,
    slug: str,
    plan_id: int,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    plan, _membership = plan_door(request, slug, plan_id)
    data = page(Session.objects.filter(plan=plan), cursor, limit, s.SessionOut.from_orm)
    return tagged(request, response, s.SessionPage(**data))


@router.get(
    "/w/{slug}/plans/{plan_id}/sessions/{session_id}", response={200: s.SessionOut, **READ_ERRORS}
)
def get_session(request, response: HttpResponse, slug: str, plan_id: int, session_id: int):
    session = _session(request, slug, plan_id, session_id)
    return tagged(request, response, s.SessionOut.from_orm(session))


@router.get(
    "/w/{slug}/plans/{plan_id}/sessions/{session_id}/decisions",
    response={200: s.DecisionPage, **READ_ERRORS},
)
def list_decisions(
    request,
    response: HttpResponse,
    slug: str,
    plan_id: int,
    session_id: int,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    session = _session(request, slug, plan_id, session_id)
    decisions = Decision.objects.filter(session=session)
    data = page(decisions, cursor, limit, _decision_out)
    return tagged(request, response, s.DecisionPage(**data))


@router.get(
    "/w/{slug}/plans/{plan_id}/sessions/{session_id}/minutes",
    response={200: s.MinutesOut, **READ_ERRORS},
)
def get_minutes(request, response: HttpResponse, slug: str, plan_id: int, session_id: int):
    """The minutes: notes per agenda item, decisions and the session's evaluation."""
    session = _session(request, slug, plan_id, session_id)
    minutes = s.MinutesOut(
        session=s.SessionOut.from_orm(session),
        notes=[
            s.NoteOut(item_key=n.item_key, reasons=n.reasons, remedy=n.remedy)
            for n in AgendaNote.objects.filter(session=session).order_by("pk")
        ],
        decisions=[_decision_out(d) for d in Decision.objects.filter(session=session)],
        evaluation=[
            s.EvaluationOut(topic=e.topic, verdict=e.verdict, text=e.text, review=e.review)
            for e in EvaluationItem.objects.filter(session=session).order_by("pk")
        ],
    )
    return tagged(request, response, minutes)
