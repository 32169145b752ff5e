"""Remedies land on the action: what a session recorded about an action ("underlying reasons /
what we will do", an AgendaNote on the action's agenda item) shows on the action's page and,
at the next session, beside the action ("Last time we agreed: …")."""

from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat

from koers.meetings.models import AgendaNote, Session


def item_keys(action_id) -> list[str]:
    """The agenda items that are about one action (agenda.py: attention and ready to close)."""
    return [f"action-{action_id}", f"close-{action_id}"]


def _notes(plan_id, action_id):
    return (
        AgendaNote.objects.filter(session__plan_id=plan_id, item_key__in=item_keys(action_id))
        .exclude(reasons="", remedy="")
        .select_related("session")
        .order_by("-session__starts_at", "-pk")
    )


def remedies_of(action) -> list[AgendaNote]:
    """Every session's note on the action, the latest first (one query)."""
    return list(_notes(action.strategy.plan_id, action.pk))


def notes_and_last_agreed(session, action_id=None) -> tuple[dict, AgendaNote | None]:
    """Session mode's notes: this session's own (item key -> note) and, when the item on screen
    is an action, what an earlier session agreed about it, the latest; one query reads both."""
    wanted = Q(session=session)
    if action_id is not None:
        wanted |= Q(
            session__plan_id=session.plan_id,
            session__starts_at__lt=session.starts_at,
            item_key__in=item_keys(action_id),
        ) & ~Q(reasons="", remedy="")
    own, earlier = {}, []
    for note in AgendaNote.objects.filter(wanted).select_related("session"):
        if note.session_id == session.pk:
            own[note.item_key] = note
        else:
            earlier.append(note)
    earlier.sort(key=lambda n: (n.session.starts_at, n.pk), reverse=True)
    return own, earlier[0] if earlier else None


# What the agenda and the pre-read read of an earlier session's note, as columns of the
# actions' own query (the plan agenda is at its query budget): column -> the note's field.
LAST_AGREED = {
    "last_agreed_reasons": "reasons",
    "last_agreed_remedy": "remedy",
    "last_agreed_at": "session__starts_at",
}


def last_agreed_columns(session) -> dict:
    """Annotations for an Action queryset: the latest note on the action from a session of the
    plan before `session` (as `notes_and_last_agreed` picks it), one subquery per column."""
    action_id = Cast(OuterRef("pk"), CharField())
    latest = (
        AgendaNote.objects.filter(
            session__plan_id=session.plan_id,
            session__starts_at__lt=session.starts_at,
        )
        .filter(
            Q(item_key=Concat(Value("action-"), action_id))
            | Q(item_key=Concat(Value("close-"), action_id))
        )
        .exclude(reasons="", remedy="")
        .order_by("-session__starts_at", "-pk")
    )
    return {name: Subquery(latest.values(field)[:1]) for name, field in LAST_AGREED.items()}


def from_columns(action) -> AgendaNote | None:
    """The note the columns describe, shaped like a stored one for the templates."""
    starts_at = getattr(action, "last_agreed_at", None)
    if starts_at is None:
        return None
    return AgendaNote(
        session=Session(starts_at=starts_at),
        reasons=action.last_agreed_reasons,
        remedy=action.last_agreed_remedy,
    )
