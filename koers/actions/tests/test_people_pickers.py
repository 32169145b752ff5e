"""People pickers offer only people who can act: never a read-only viewer, never yourself to
ask something of."""

import re

from django.urls import reverse

from koers.accounts.permissions import people_who_can
from koers.actions.tests.factories import make_action


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return [o.strip() for o in re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))]


def test_ask_this_of_offers_the_team_but_not_the_viewer_nor_me(
    login, plan, member, owner, viewer, process_owner
):
    action = make_action(plan.strategies.get(), member, "Bake")
    html = login(member).get(reverse("actions:detail", args=["acme", plan.pk, action.pk]))
    offered = options(html.content.decode(), "need_from")
    assert "Olivia" in offered and "Peter" in offered
    assert "Victor" not in offered  # the viewer only reads
    assert "Mia" not in offered  # one does not ask oneself


def test_asking_the_viewer_is_refused(login, plan, member, viewer):
    action = make_action(plan.strategies.get(), member, "Bake")
    url = reverse("actions:update", args=["acme", plan.pk, action.pk])
    data = {"need": "Sign", "need_from": viewer.pk, "progress": 5, "colour": "green"}
    response = login(member).post(url, data)
    assert response.status_code == 422
    assert not action.updates.exists()


def test_the_action_form_offers_no_viewer_as_owner(login, plan, owner, viewer, member):
    html = login(owner).get(reverse("actions:new", args=["acme", plan.pk])).content.decode()
    assert "Victor" not in options(html, "owner") and "Mia" in options(html, "owner")
    assert "Victor" not in options(html, "co_owners")


def test_session_decisions_offer_no_viewer_as_new_owner(plan, process_owner, viewer, member):
    from koers.meetings.forms import AdjustForm, NewActionForm

    for form in (AdjustForm(plan=plan), NewActionForm(plan=plan)):
        offered = [label for _value, label in form.fields["owner"].choices]
        assert "Mia" in offered and "Victor" not in offered


def test_one_function_says_who_can_act(workspace, owner, process_owner, member, viewer):
    assert set(people_who_can(workspace)) == {owner, process_owner, member}
    assert set(people_who_can(workspace, besides=member)) == {owner, process_owner}
