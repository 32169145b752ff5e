"""Fetch actions, strategies and updates of a plan through the plan's permission door."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from koers.accounts.permissions import Can
from koers.actions.models import Action, ActionUpdate
from koers.plans.access import get_plan_for
from koers.plans.models import Strategy


def get_action_for(request, slug, plan_id, action_id, need: Can = Can.VIEW, co_owners=True):
    """Return (action, plan, membership); 404 unless the action is in this plan.

    `co_owners=False` leaves them to be loaded when needed: a page served from the cache
    never needs them.
    """
    plan, membership = get_plan_for(request, slug, plan_id, need=need)
    actions = Action.objects.select_related(
        "strategy", "owner", "pending_owner", "handover_owner", "closed_by"
    )
    action = get_object_or_404(
        actions.prefetch_related("co_owners") if co_owners else actions,
        pk=action_id,
        strategy__plan=plan,
        archived_at__isnull=True,
    )
    return action, plan, membership


def get_updatable_action_for(request, slug, plan_id, action_id):
    """Like get_action_for, for steps only the action's owners and team leads may take."""
    from koers.actions.rules import can_update

    action, plan, membership = get_action_for(request, slug, plan_id, action_id)
    if not can_update(membership, action):
        raise PermissionDenied
    return action, plan, membership


def get_strategy_for(
    request, slug, plan_id, strategy_id, need: Can = Can.VIEW, *, updating: bool = False
):
    """Return (strategy, plan, membership); `updating` lets only those who may post the
    strategy's update through (its owner and team leads), 403 for others."""
    from koers.actions.rules import can_update_strategy

    plan, membership = get_plan_for(request, slug, plan_id, need=need)
    strategy = get_object_or_404(
        Strategy.objects.select_related("owner", "pending_owner"), pk=strategy_id, plan=plan
    )
    if updating and not can_update_strategy(membership, strategy):
        raise PermissionDenied
    return strategy, plan, membership


def get_request_for(membership, update_id, *, answering: bool = False) -> ActionUpdate:
    """A request for help in the member's workspace; `answering` lets only the person asked
    and team leads through (403 for others)."""
    from koers.actions.rules import can_answer_request

    update = get_object_or_404(
        ActionUpdate.objects.select_related("action__strategy"),
        pk=update_id,
        action__strategy__plan__workspace=membership.workspace,
    )
    if answering and not can_answer_request(membership, update):
        raise PermissionDenied
    return update
