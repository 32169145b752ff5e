"""Actions (filtered like the action list), their updates (post one as on the page), requests."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from koers.accounts.models import Membership
from koers.actions import queries, rules
from koers.actions.access import get_request_for
from koers.actions.models import Action, ActionUpdate
from koers.api import schemas as s
from koers.api.core import (
    MAX_LIMIT,
    READ_ERRORS,
    WRITE_ERRORS,
    check_if_match,
    door,
    page,
    plan_door,
    tagged,
)
from koers.plans.access import valid_id

router = Router(tags=["actions"])
ID = Query(None, ge=1, le=2**63 - 1)


def _action(request, slug, plan_id, action_id, write=False):
    plan, membership = plan_door(request, slug, plan_id, write=write)
    action = get_object_or_404(
        Action.objects.select_related("strategy").filter(archived_at__isnull=True),
        pk=valid_id(action_id),
        strategy__plan=plan,
    )
    return action, plan, membership


def _request_out(update) -> s.RequestOut:
    return s.RequestOut(
        **s.UpdateOut.from_orm(update).model_dump(),
        plan_id=update.action.strategy.plan_id,
        action_title=update.action.title,
    )


@router.get("/w/{slug}/plans/{plan_id}/actions", response={200: s.ActionPage, **READ_ERRORS})
def list_actions(
    request,
    response: HttpResponse,
    slug: str,
    plan_id: int,
    strategy: int | None = ID,
    owner: int | None = ID,
    status: Literal["todo", "in_progress", "done"] | None = None,
    colour: Literal["green", "orange", "red"] | None = None,
    overdue: bool = False,
    stale_weeks: Literal[2, 4, 8] | None = None,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    """The plan's actions with the action list's filters; pages in id order."""
    plan, _membership = plan_door(request, slug, plan_id)
    action_filter = queries.ActionFilter(
        strategy=strategy,
        owner=owner,
        status=status or "",
        colour=colour or "",
        overdue=overdue,
        stale_weeks=stale_weeks,
    )
    actions = queries.plan_actions(plan, action_filter)
    data = page(actions, cursor, limit, s.ActionOut.from_orm)
    return tagged(request, response, s.ActionPage(**data))


@router.get(
    "/w/{slug}/plans/{plan_id}/actions/{action_id}", response={200: s.ActionOut, **READ_ERRORS}
)
def get_action(request, response: HttpResponse, slug: str, plan_id: int, action_id: int):
    action, _plan, _membership = _action(request, slug, plan_id, action_id)
    return tagged(request, response, s.ActionOut.from_orm(action))


@router.get(
    "/w/{slug}/plans/{plan_id}/actions/{action_id}/updates",
    response={200: s.UpdatePage, **READ_ERRORS},
)
def list_updates(
    request,
    response: HttpResponse,
    slug: str,
    plan_id: int,
    action_id: int,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    action, _plan, _membership = _action(request, slug, plan_id, action_id)
    data = page(action.updates.all(), cursor, limit, s.UpdateOut.from_orm)
    return tagged(request, response, s.UpdatePage(**data))


@router.post(
    "/w/{slug}/plans/{plan_id}/actions/{action_id}/updates",
    response={201: s.UpdateOut, **WRITE_ERRORS},
)
def post_update(request, slug: str, plan_id: int, action_id: int, payload: s.UpdateIn):
    """Post the structured update, with the page's rules; `If-Match` takes the action's ETag."""
    with transaction.atomic():
        action, _plan, membership = _action(request, slug, plan_id, action_id, write=True)
        if not rules.can_update(membership, action):
            raise PermissionDenied(_("Only the action's owners and team leads update it."))
        action = Action.objects.select_for_update().select_related("strategy").get(pk=action.pk)
        check_if_match(request, s.ActionOut.from_orm(action))
        need_from = None
        if payload.need_from_id is not None:
            need_from = _member(membership, payload.need_from_id)
        update = rules.post_update(
            action,
            request.user,
            did=payload.did,
            next=payload.next,
            need=payload.need,
            need_from=need_from,
            progress=payload.progress,
            colour=payload.colour,
        )
    return Status(201, s.UpdateOut.from_orm(update))


def _member(membership, user_id):
    found = (
        Membership.objects.filter(workspace=membership.workspace, user_id=user_id)
        .select_related("user")
        .first()
    )
    if found is None:
        raise rules.ActionError(_("Ask this of a member of the workspace."))
    return found.user


@router.get("/w/{slug}/requests", response={200: s.RequestPage, **READ_ERRORS})
def list_requests(
    request,
    response: HttpResponse,
    slug: str,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    """Open requests addressed to the token's user, as on My work."""
    membership = door(request, slug)
    requests = queries.open_requests(request.user, membership.workspace)
    data = page(requests, cursor, limit, _request_out)
    return tagged(request, response, s.RequestPage(**data))


@router.post("/w/{slug}/requests/{update_id}/answer", response={200: s.RequestOut, **WRITE_ERRORS})
def answer_request(request, slug: str, update_id: int):
    """Mark a request answered (the person asked, or a team lead)."""
    membership = door(request, slug, write=True)
    with transaction.atomic():
        found = get_request_for(membership, valid_id(update_id))
        rows = ActionUpdate.objects.select_for_update().select_related("action__strategy")
        update = rows.get(pk=found.pk)
        if not rules.can_answer_request(membership, update):
            raise PermissionDenied(_("Only the person asked or a team lead answers this."))
        rules.answer_request(update, request.user)  # a second answer is refused (422)
    return Status(200, _request_out(update))
