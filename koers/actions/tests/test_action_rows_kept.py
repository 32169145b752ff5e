"""The action list and board keep each row and card under what it shows (koers.lib.pagecache
fragments): after a rename, a new role or in another language the page served equals a page
rendered from scratch."""

import pytest
from django.urls import reverse

from conftest import make_user
from koers.accounts.models import Membership, Role
from koers.actions.tests.factories import make_action
from tests.pages import assert_fresh, html


@pytest.mark.parametrize("kind", ["owner renamed", "role", "strategy renamed", "new member"])
@pytest.mark.parametrize("page", ["actions:list", "actions:board"])
def test_no_change_leaves_a_stale_row_or_card(page, kind, login, plan, member):
    strategy = plan.strategies.get()
    make_action(strategy, member, "Bake")
    address = reverse(page, args=["acme", plan.pk])
    client = login(member)
    before = html(client, address)
    if kind == "owner renamed":
        member.first_name = "Mira"
        member.save()
    elif kind == "new member":  # the owner filter offers them
        nina = make_user("nina")
        Membership.objects.create(workspace=plan.workspace, user=nina, role=Role.MEMBER)
    elif kind == "role":
        membership = Membership.objects.get(user=member)
        membership.role = Role.PROCESS_OWNER
        membership.save()
    else:
        strategy.title = "Sell online"
        strategy.save()
    after = html(client, address)
    assert_fresh(client, address, after, kind)
    assert after != before, f"the list does not show: {kind}"


def test_the_filter_form_shows_what_was_chosen(login, plan, member):
    address = reverse("actions:list", args=["acme", plan.pk])
    client = login(member)
    html(client, address)
    chosen = html(client, address + "?colour=red")
    assert '<option value="red" selected>' in chosen
    assert_fresh(client, address + "?colour=red", chosen, "filter")


def test_each_language_gets_its_own_rows(login, plan, member):
    make_action(plan.strategies.get(), member, "Bake")
    address = reverse("actions:list", args=["acme", plan.pk])
    client = login(member)
    english = html(client, address)
    dutch = html(client, address, HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch != english
    assert_fresh(client, address, dutch, "language", HTTP_ACCEPT_LANGUAGE="nl")
