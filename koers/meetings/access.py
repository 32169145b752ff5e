"""Fetch a session through its plan's permission door, in the door's own query."""

from functools import cache

from koers.accounts.permissions import Can
from koers.lib import rows
from koers.meetings.models import Cadence, Kind, Session
from koers.meetings.rules import default_cadence
from koers.plans.access import door_sql, pass_door, valid_id
from koers.plans.models import PlanVersion


@cache
def _session_door_sql(using: str, with_draft: bool = False) -> str:
    """The plan door, joined with the session (which must be the plan's), the plan's rhythm
    and the start of the previous steering session (as `loading.previous_steering_start`,
    written out here): what every session page reads first. Session mode also takes the draft
    of the plan's next version along (its OGSM items show and edit it)."""
    q, session, cadence = rows.quote, rows.table(Session, using), rows.table(Cadence, using)
    draft_columns, draft_join = "", ""
    if with_draft:
        draft_columns = f", {rows.columns(PlanVersion, 'd', using)}"
        draft_join = (
            f" LEFT JOIN {rows.table(PlanVersion, using)} d ON d.{q('plan_id')} = p.{q('id')}"
            f" AND d.{q('status')} = %(draft)s"
        )
    previous = (
        f"(SELECT MAX(prev.{q('starts_at')}) FROM {session} prev "  # noqa: S608
        f"WHERE prev.{q('plan_id')} = s.{q('plan_id')} AND prev.{q('kind')} = %(steering)s "
        f"AND prev.{q('starts_at')} < s.{q('starts_at')}) AS {q('previous_steering_at')}"
    )
    return door_sql(
        using,
        more_columns=(
            f", {rows.columns(Session, 's', using)}, {rows.columns(Cadence, 'c', using)}, "
            f"{previous}{draft_columns}"
        ),
        more_joins=(
            f" JOIN {session} s ON s.{q('plan_id')} = p.{q('id')} AND s.{q('id')} = %(session)s"
            f" LEFT JOIN {cadence} c ON c.{q('plan_id')} = p.{q('id')}{draft_join}"
        ),
    )


def get_session_for(
    request, slug, plan_id, session_id, need: Can = Can.VIEW, with_draft: bool = False
):
    """Return (session, plan, membership); 404 when the session is not this plan's.

    The session comes with what the session pages read next to it: the plan's rhythm (when it
    has one yet) and `previous_steering_at`, the start of the steering session before it (the
    agenda's look-back), all in the door's one query; `with_draft` adds `plan.draft`, the
    draft of the next version or None.
    """
    using = Session.objects.db
    params = {"steering": Kind.STEERING.value, "session": valid_id(session_id)}
    if with_draft:
        params["draft"] = PlanVersion.Status.DRAFT.value
    plan, membership, row = pass_door(
        request, slug, plan_id, need, sql=_session_door_sql(using, with_draft), params=params
    )
    session = rows.instance(Session, row, "s", using)
    if with_draft:
        plan.draft = rows.instance(PlanVersion, row, "d", using)
    # Until the process owner sets a rhythm, the plan follows the default one.
    plan.cadence = rows.instance(Cadence, row, "c", using) or default_cadence(plan)
    session.previous_steering_at = rows.value(
        Session, "starts_at", row["previous_steering_at"], using
    )
    session.plan = plan  # the door's copy, with its workspace
    return session, plan, membership
