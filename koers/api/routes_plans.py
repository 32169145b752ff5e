"""Workspaces and the OGSM plan: plans, goals, strategies and measures (read)."""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from ninja import Query, Router

from koers.accounts.models import Workspace
from koers.api import schemas as s
from koers.api.core import MAX_LIMIT, READ_ERRORS, door, page, plan_door, tagged
from koers.plans.models import Goal, Measure, Plan, PlanLink, Strategy

router = Router(tags=["plan"])


def _workspace(workspace, role) -> s.WorkspaceOut:
    return s.WorkspaceOut(
        slug=workspace.slug, name=workspace.name, time_zone=workspace.time_zone, role=role
    )


def plan_out(plan) -> s.PlanOut:
    return s.PlanOut(
        id=plan.pk,
        name=plan.name,
        period=plan.period,
        start_date=plan.start_date,
        end_date=plan.end_date,
        description=plan.description,
        objective=plan.objective,
        archived=plan.archived_at is not None,
        version=plan.version,
        serves=[
            s.ServesOut(
                plan=link.parent_item.plan_id,
                strategy=link.parent_strategy_id,
                goal=link.parent_goal_id,
            )
            for link in plan.serves.all()
        ],
    )


def _links():
    """The items plans serve, read in one more query for any number of plans."""
    links = PlanLink.objects.select_related("parent_strategy", "parent_goal")
    return Prefetch("serves", queryset=links)


@router.get("/workspaces", response={200: s.WorkspacePage, **READ_ERRORS})
def list_workspaces(request, response: HttpResponse):
    """The workspace the token belongs to (a token reaches exactly one)."""
    token = request.auth
    membership = door(request, token.workspace.slug)
    rows = Workspace.objects.filter(pk=membership.workspace.pk)
    data = page(rows, None, 1, lambda w: _workspace(w, membership.role))
    return tagged(request, response, s.WorkspacePage(**data))


@router.get("/w/{slug}", response={200: s.WorkspaceOut, **READ_ERRORS})
def get_workspace(request, response: HttpResponse, slug: str):
    membership = door(request, slug)
    return tagged(request, response, _workspace(membership.workspace, membership.role))


@router.get("/w/{slug}/plans", response={200: s.PlanPage, **READ_ERRORS})
def list_plans(
    request,
    response: HttpResponse,
    slug: str,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    membership = door(request, slug)
    plans = Plan.objects.filter(workspace=membership.workspace).prefetch_related(_links())
    return tagged(request, response, s.PlanPage(**page(plans, cursor, limit, plan_out)))


@router.get("/w/{slug}/plans/{plan_id}", response={200: s.PlanOut, **READ_ERRORS})
def get_plan(request, response: HttpResponse, slug: str, plan_id: int):
    plan, _membership = plan_door(request, slug, plan_id)
    prefetch_related_objects([plan], _links())
    return tagged(request, response, plan_out(plan))


@router.get("/w/{slug}/plans/{plan_id}/goals", response={200: s.GoalPage, **READ_ERRORS})
def list_goals(
    request,
    response: HttpResponse,
    slug: str,
    plan_id: int,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    plan, _membership = plan_door(request, slug, plan_id)
    goals = Goal.objects.filter(plan=plan)
    data = page(goals, cursor, limit, s.GoalOut.from_orm)
    return tagged(request, response, s.GoalPage(**data))


@router.get("/w/{slug}/plans/{plan_id}/strategies", response={200: s.StrategyPage, **READ_ERRORS})
def list_strategies(
    request,
    response: HttpResponse,
    slug: str,
    plan_id: int,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    plan, _membership = plan_door(request, slug, plan_id)
    strategies = Strategy.objects.filter(plan=plan)
    data = page(strategies, cursor, limit, s.StrategyOut.from_orm)
    return tagged(request, response, s.StrategyPage(**data))


@router.get("/w/{slug}/plans/{plan_id}/measures", response={200: s.MeasurePage, **READ_ERRORS})
def list_measures(
    request,
    response: HttpResponse,
    slug: str,
    plan_id: int,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    plan, _membership = plan_door(request, slug, plan_id)
    measures = Measure.objects.filter(strategy__plan=plan)
    data = page(measures, cursor, limit, s.MeasureOut.from_orm)
    return tagged(request, response, s.MeasurePage(**data))
