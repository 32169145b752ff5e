"""The action page keeps each update of its timeline and its update form under what they show
(koers.lib.pagecache fragments): after every kind of change the page served equals a page
rendered from scratch."""

import pytest
from django.urls import reverse

from conftest import make_user
from koers.accounts.models import Membership, Role
from koers.actions import rules
from koers.actions.tests.factories import make_action
from koers.plans.models import PlanRole
from tests.pages import assert_fresh, html

KINDS = ["update posted", "request answered", "author renamed", "asked person renamed"]
KINDS += ["new member", "role", "plan role", "progress", "time zone", "closed"]


@pytest.mark.parametrize("kind", KINDS)
def test_no_change_leaves_a_stale_action_page(kind, login, plan, owner, member):
    action = make_action(plan.strategies.get(), member, "Bake")
    asked = rules.post_update(
        action, member, did="Ovens", need="Flour", need_from=owner, progress=10, colour="green"
    )
    address = reverse("actions:detail", args=["acme", plan.pk, action.pk])
    client = login(member)
    before = html(client, address)
    if kind == "update posted":
        rules.post_update(action, member, did="Baked", progress=40, colour="orange")
    elif kind == "request answered":
        rules.answer_request(asked, owner)
    elif kind == "author renamed":
        member.first_name = "Mira"
        member.save()
    elif kind == "asked person renamed":  # in the timeline and among whom to ask
        owner.first_name = "Otto"
        owner.save()
    elif kind == "new member":  # "Ask this of" offers them
        nina = make_user("nina")
        Membership.objects.create(workspace=plan.workspace, user=nina, role=Role.MEMBER)
    elif kind == "role":  # a viewer cannot post an update
        Membership.objects.filter(user=member).update(role=Role.VIEWER)
        plan.workspace.save()
    elif kind == "plan role":  # a viewer on this plan is no longer offered in "Ask this of"
        PlanRole.objects.create(plan=plan, user=owner, role=Role.VIEWER)
    elif kind == "progress":  # the form starts from the action's progress
        action.progress = 70
        action.save()
    elif kind == "time zone":  # the timeline's times
        plan.workspace.time_zone = "Pacific/Kiritimati"
        plan.workspace.save()
    elif kind == "closed":
        action.status = "done"
        action.save()
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    assert after != before, f"the action page does not show: {kind}"
