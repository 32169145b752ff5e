"""Builders for session tests."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from koers.actions import rules as action_rules
from koers.actions.models import Action, ActionUpdate, StrategyUpdate
from koers.actions.tests.factories import make_action
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import AGENDA, load_agenda_data
from koers.meetings.models import Kind, Session
from koers.plans import cascade
from koers.plans.models import Plan, Strategy


def make_session(plan, kind=Kind.UPDATE, days_ahead=5, **fields) -> Session:
    starts = timezone.now() + timedelta(days=days_ahead)
    return Session.objects.create(plan=plan, kind=kind, starts_at=starts, **fields)


def make_child_plan(plan, name, member, need_from=None) -> Plan:
    """A plan serving `plan`'s strategy, its strategy declared orange and its one action red,
    where `member` asks for a budget of a person of `plan` (`need_from`, by default the
    strategy's owner)."""
    child = Plan.objects.create(
        workspace=plan.workspace,
        name=name,
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    strategy = Strategy.objects.create(plan=child, title=f"{name} strategy")
    cascade.link(child, plan.strategies.get())
    action = Action.objects.create(strategy=strategy, title=f"{name} action", colour="red")
    StrategyUpdate.objects.create(strategy=strategy, colour="orange", created_at=timezone.now())
    ActionUpdate.objects.create(
        action=action,
        author=member,
        progress=10,
        colour="red",
        need=f"Budget for {name}",
        need_from=need_from or plan.strategies.get().owner,
        created_at=timezone.now(),
    )
    return child


def index_of(session, key, purpose=AGENDA) -> int:
    """The position of the agenda item `key` in session mode (its `?item=`)."""
    keys = [item.key for item in flat_items(build_agenda(load_agenda_data(session, purpose)))]
    return keys.index(key)


def at(year, month, day, hour=9):
    return datetime(year, month, day, hour, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def team_actions(plan, member, owner):
    """Mia owns a red and a green action; Olivia owns one without any update."""
    strategy = plan.strategies.get()
    red = make_action(strategy, member, "Open a webshop")
    action_rules.post_update(
        red,
        member,
        did="Chose a platform",
        need="Budget",
        need_from=owner,
        progress=30,
        colour="red",
    )
    green = make_action(strategy, member, "Print flyers")
    action_rules.post_update(green, member, did="Designed", progress=60, colour="green")
    silent = make_action(strategy, owner, "Hire a baker")
    return {"red": red, "green": green, "silent": silent}
