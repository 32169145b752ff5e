"""Permission-matrix rows of the sessions (see tests/test_permission_matrix.py)."""

from datetime import timedelta

from django.utils import timezone

from koers.actions.models import Action
from koers.dashboard import services
from koers.dashboard.models import Kpi, KpiTarget
from koers.dashboard.services import milestones_seen
from koers.meetings import links, notifications, rules
from koers.meetings.models import EvaluationItem, Kind, Session
from tests.matrix import LOGGED_IN, PUBLIC, READ, TEAM_GET, TEAM_POST, P

S = (*P, "session")
PS = (*P, "plan_session")
ITEM = {"item_index": 0}
UPDATE_OWN = (302, 404, 403, 200, 200, 200)  # whoever may update their own actions
UPDATE_OWN_POST = (302, 404, 403, 302, 302, 302)
LANDING = (302, 302, 302, 302, 302, 302)  # to the login page, or on to My work or the home page

ROWS = {
    "meetings:landing": ("get", (), None, LANDING),
    "meetings:my_work": ("get", ("slug",), None, READ),
    "meetings:asked_badge": ("get", ("slug",), None, READ),
    "meetings:my_updates": ("get", ("slug",), None, UPDATE_OWN),
    "meetings:revoke_my_links": ("post", ("slug",), {}, UPDATE_OWN_POST),
    # Whoever holds the link sees its person's page; its own person, logged in, goes to theirs.
    "meetings:link": ("get", ("update_link",), None, (200, 200, 200, 200, 200, 302)),
    "meetings:calendar": ("get", ("calendar_token",), None, PUBLIC),
    "meetings:notifications": ("get", (), None, LOGGED_IN),
    # The mail's unsubscribe link: a confirm page for whoever holds it, no login.
    "meetings:unsubscribe": ("get", ("unsubscribe_token",), None, PUBLIC),
    # Off (404) without INBOUND_MAIL_SECRET, as in tests; test_inbound_mail_endpoint sets it.
    "meetings:inbound_mail": ("post", (), {}, (404,) * 6),
    "meetings:list": ("get", P, None, READ),
    "meetings:cadence": ("get", P, None, TEAM_GET),
    "meetings:schedule": ("post", P, {}, TEAM_POST),
    "meetings:new": ("get", P, None, TEAM_GET),
    "meetings:detail": ("get", S, None, READ),
    "meetings:edit": ("get", S, None, TEAM_GET),
    "meetings:round": ("get", S, None, TEAM_GET),
    "meetings:open_round": ("post", S, {}, TEAM_POST),
    "meetings:remind": ("post", S, {}, TEAM_POST),
    "meetings:revoke_links": ("post", S, {}, TEAM_POST),
    "meetings:preread": ("get", S, None, READ),
    "meetings:preread_pdf": ("get", S, None, READ),
    "meetings:share_preread": ("post", S, {}, TEAM_POST),
    # The plan session's preparation panel and year in view (another kind of session: 404).
    "meetings:preparation": ("get", PS, None, READ),
    "meetings:year": ("get", PS, None, READ),
    "meetings:ask_figures": ("post", PS, {"owner": "@kpi_owner"}, TEAM_POST),
    "meetings:run": ("get", S, None, TEAM_GET),
    "meetings:start": ("post", S, {}, TEAM_POST),
    "meetings:end_confirm": ("get", S, None, TEAM_GET),
    "meetings:end": ("post", S, {}, TEAM_POST),
    "meetings:note": ("post", S, {"item_key": "x", "remedy": "y", **ITEM}, TEAM_POST),
    "meetings:adjust": (
        "post",
        S,
        {"action": "@action", "version": 1, "colour": "red", **ITEM},
        TEAM_POST,
    ),
    "meetings:close_action": (
        "post",
        S,
        {"action": "@action", "criterion": "finished", **ITEM},
        TEAM_POST,
    ),
    "meetings:new_action": (
        "post",
        S,
        {"strategy": "@strategy", "title": "New", **ITEM},
        TEAM_POST,
    ),
    "meetings:priorities": ("post", S, {"actions": "@action", **ITEM}, TEAM_POST),
    "meetings:back_to_todo": ("post", S, {"action": "@action", "version": 1, **ITEM}, TEAM_POST),
    "meetings:reorder": (
        "post",
        S,
        {"action": "@action", "version": 1, "direction": "up", **ITEM},
        TEAM_POST,
    ),
    "meetings:accept_proposal": (
        "post",
        S,
        {
            "action": "@proposal",
            "version": 1,
            "owner": "@proposer",
            "due_date": "2027-09-30",
            **ITEM,
        },
        TEAM_POST,
    ),
    "meetings:reject_proposal": (
        "post",
        S,
        {"action": "@proposal", "version": 1, "reason": "Not now", **ITEM},
        TEAM_POST,
    ),
    "meetings:evaluation": (
        "post",
        S,
        {"topic": "team", "verdict": "keep", "text": "x", **ITEM},
        TEAM_POST,
    ),
    "meetings:evaluation_edit": (
        "post",
        (*S, "entry"),
        {"topic": "team", "verdict": "keep", "text": "y", **ITEM},
        TEAM_POST,
    ),
    "meetings:evaluation_delete": ("post", (*S, "entry"), ITEM, TEAM_POST),
    "meetings:review": (
        "post",
        S,
        {"item": "@evaluation_item", "review": "done", **ITEM},
        TEAM_POST,
    ),
    # The OGSM's session steps; the world has a draft of the next version (plans/tests/matrix.py).
    "meetings:ogsm_change": ("post", S, {"answer": "no", **ITEM}, TEAM_POST),
    "meetings:draft_start": ("post", S, ITEM, TEAM_POST),
    "meetings:draft_edit": (
        "post",
        S,
        {
            "op": "edit",
            "kind": "goal",
            "key": "@draft_key",
            "title": "Revenue 2M",
            "draft_version": "@draft_version",
            **ITEM,
        },
        TEAM_POST,
    ),
    "meetings:activate": (
        "post",
        S,
        {"reason": "Plan session", "draft_version": "@draft_version", **ITEM},
        TEAM_POST,
    ),
    # The plan session's decisions on a SWOT item and a KPI's milestones.
    "meetings:swot_step": (
        "post",
        S,
        {"item": "@swot_item", "version": 1, "decision": "ignore", "reason": "Later", **ITEM},
        TEAM_POST,
    ),
    "meetings:milestone_step": (
        "post",
        S,
        {"kpi": "@kpi", "seen": "@milestones_seen", "period": "2027-06", "value": "5", **ITEM},
        TEAM_POST,
    ),
    "meetings:minutes": ("get", S, None, READ),
    "meetings:minutes_pdf": ("get", S, None, READ),
    "meetings:followup": ("get", S, None, TEAM_GET),
}


def objects(world):
    from koers.plans.models import Plan

    plan = Plan.objects.get(pk=world["plan"])
    session = Session.objects.create(
        plan=plan, kind=Kind.STEERING, starts_at=timezone.now() + timedelta(days=3)
    )
    earlier = Session.objects.create(
        plan=plan, kind=Kind.STEERING, starts_at=timezone.now() - timedelta(days=80)
    )
    item = EvaluationItem.objects.create(
        session=earlier, topic="team", verdict="stop", text="Long meetings"
    )
    entry = EvaluationItem.objects.create(
        session=session, topic="process", verdict="start", text="Shorter updates"
    )
    # A plan session, and a KPI whose owner has not entered last period's figure.
    plan_session = Session.objects.create(
        plan=plan, kind=Kind.PLAN, starts_at=timezone.now() + timedelta(days=20)
    )
    services.ensure_kpis(plan)
    kpi = Kpi.objects.filter(plan=plan).first()
    kpi.owner = plan.workspace.memberships.get(role="ogsm_owner").user
    kpi.save(update_fields=["owner"])
    proposer = plan.workspace.memberships.get(role="member").user
    proposal = Action.objects.create(
        strategy=plan.strategies.get(), title="Proposed", proposed=True, proposed_by=proposer
    )
    owner = plan.workspace.memberships.get(role="ogsm_owner").user
    return {
        "proposal": proposal.pk,
        "proposer": proposer.pk,
        "unsubscribe_token": notifications.token(owner, notifications.Kind.UPDATE_REQUESTS),
        "plan_session": plan_session.pk,
        "kpi_owner": kpi.owner_id,
        "update_link": links.issue(session, plan.workspace.memberships.get(role="ogsm_owner").user),
        "session": session.pk,
        "entry": entry.pk,
        "calendar_token": rules.kept(rules.cadence_of(plan)).calendar_token,
        "evaluation_item": item.pk,
        "milestones_seen": milestones_seen(KpiTarget.objects.filter(kpi=world["kpi"])),
    }


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
POSTS = {
    "meetings:cadence": ({}, (302, 404, 403, 403, 200, 200)),
    "meetings:edit": ({}, (302, 404, 403, 403, 200, 200)),
    "meetings:followup": ({}, (302, 404, 403, 403, 200, 200)),
    "meetings:link": ({}, (422, 422, 422, 422, 422, 302)),
    "meetings:my_updates": ({}, (302, 404, 403, 422, 422, 422)),
    "meetings:new": ({}, (302, 404, 403, 403, 200, 200)),
    "meetings:notifications": ({}, (302, 200, 200, 200, 200, 200)),
    "meetings:unsubscribe": ({}, (200, 200, 200, 200, 200, 200)),
    "meetings:run": ({}, (302, 404, 403, 403, 200, 200)),
}
