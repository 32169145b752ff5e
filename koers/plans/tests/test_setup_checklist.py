"""The set-up checklist on the plan page: ticked from the data, gone when everything is done."""

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from koers.actions.models import Action
from koers.meetings.models import Cadence, Kind, Session
from koers.plans.models import Goal, Plan


def plan_url(plan):
    return reverse("plans:detail", args=[plan.workspace.slug, plan.pk])


def _steps(html):
    """The step keys and whether each is ticked, as the page shows them."""
    found = re.findall(r'class="setup-step( is-done)?" data-step="(\w+)"', html)
    return {key: bool(done) for done, key in found}


def test_an_empty_plan_shows_every_step_open_with_its_link(login, workspace, owner):
    plan = Plan.objects.create(
        workspace=workspace,
        name="New",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    html = login(owner).get(plan_url(plan)).content.decode()
    steps = _steps(html)
    assert list(steps) == [
        "objective",
        "goals",
        "strategies",
        "measures",
        "actions",
        "team",
        "rhythm",
        "session",
    ]
    # Olivia is the workspace's only member and has invited nobody: the team step is open too.
    assert not any(steps.values())
    assert "0 of 8 done" in html
    assert reverse("plans:objective_edit", args=[workspace.slug, plan.pk]) in html
    assert reverse("meetings:cadence", args=[workspace.slug, plan.pk]) in html
    assert reverse("accounts:members", args=[workspace.slug]) in html


def test_steps_tick_as_the_data_arrives_and_the_list_goes_when_done(login, plan, owner, member):
    client = login(owner)
    steps = _steps(client.get(plan_url(plan)).content.decode())
    # The fixture plan has an objective, a goal with a target, an owned strategy with a
    # measure, and two people; no actions, rhythm or session yet.
    assert steps == {
        "objective": True,
        "goals": True,
        "strategies": True,
        "measures": True,
        "actions": False,
        "team": True,
        "rhythm": False,
        "session": False,
    }
    Goal.objects.create(plan=plan, title="Happy customers", position=1)  # no target
    assert _steps(client.get(plan_url(plan)).content.decode())["goals"] is False
    Goal.objects.filter(plan=plan, title="Happy customers").update(target_value=8)
    Action.objects.create(strategy=plan.strategies.get(), title="Build a web shop")
    Cadence.objects.create(plan=plan)
    Session.objects.create(
        plan=plan, kind=Kind.UPDATE, starts_at=timezone.now() + timedelta(days=7)
    )
    html = client.get(plan_url(plan)).content.decode()
    assert "setup-checklist" not in html


def test_who_cannot_edit_the_plan_sees_no_checklist(login, plan, member):
    assert "setup-checklist" not in login(member).get(plan_url(plan)).content.decode()
