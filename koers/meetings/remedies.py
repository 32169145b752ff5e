"""Remedies land on the action: what a session recorded about an action ("underlying reasons /
what we will do", an AgendaNote on the action's agenda item) shows on the action's page and,
at the next session, beside the action ("Last time we agreed: …")."""

from datetime import UTC

from django.db.models import Case, CharField, Exists, JSONField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat, JSONObject
from django.utils import timezone
from django.utils.dateparse import parse_datetime

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


# What the agenda and the pre-read read of an earlier session's note, as one column of the
# actions' own query (the plan agenda is at its query budget). One subquery returning the three
# fields together: a subquery per field ran the same lookup three times per action, which took
# more than the rest of the actions' query on the bench (13 of 23 ms).
def last_agreed_columns(session) -> dict:
    """Annotations for an Action queryset: the latest note on the action from a session of the
    plan before `session` (as `notes_and_last_agreed` picks it), its fields as one JSON column.

    Looked up only for actions with a note on any session (an index on the item's key): most
    have none, and the lookup searches the plan's earlier sessions one by one, which took three
    quarters of the actions' query on the bench (6 of 8 ms)."""
    action_id = Cast(OuterRef("pk"), CharField())
    about = Q(item_key=Concat(Value("action-"), action_id)) | Q(
        item_key=Concat(Value("close-"), action_id)
    )
    latest = (
        AgendaNote.objects.filter(
            session__plan_id=session.plan_id,
            session__starts_at__lt=session.starts_at,
        )
        .filter(about)
        .exclude(reasons="", remedy="")
        .order_by("-session__starts_at", "-pk")
    )
    note = JSONObject(at="session__starts_at", reasons="reasons", remedy="remedy")
    found = Subquery(latest.values(note=note)[:1], output_field=JSONField())
    return {
        "last_agreed_note": Case(
            When(Exists(AgendaNote.objects.filter(about)), then=found),
            default=None,
            output_field=JSONField(),
        )
    }


def from_columns(action) -> AgendaNote | None:
    """The note the column describes, shaped like a stored one for the templates."""
    note = getattr(action, "last_agreed_note", None)
    if note is None:
        return None
    # JSON holds the session's start as text: SQLite's naive UTC, PostgreSQL's ISO with offset.
    starts_at = parse_datetime(note["at"])
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at, UTC)
    return AgendaNote(
        session=Session(starts_at=starts_at), reasons=note["reasons"], remedy=note["remedy"]
    )
