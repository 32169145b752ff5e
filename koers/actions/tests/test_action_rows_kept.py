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


CHANGES = [
    "update posted",
    "status",
    "closed",
    "moved",
    "proposal accepted",
    "invited owner",
    "invitation revoked",
    "archived",
]


def _change(kind, action, other, member, owner):
    from datetime import timedelta

    from django.utils import timezone

    from koers.accounts.models import Invite
    from koers.actions import rules

    if kind == "update posted":
        rules.post_update(action, member, did="Baked", progress=40, colour="red")
    elif kind == "status":
        rules.set_status(action, "in_progress")
    elif kind == "closed":
        rules.close_action(action, owner, "finished")
    elif kind == "moved":
        rules.move_action(other, -1)
    elif kind == "proposal accepted":
        rules.accept_proposal(other)
    elif kind in ("invited owner", "invitation revoked"):
        invite = Invite.objects.create(
            workspace=action.strategy.plan.workspace,
            email="nina@example.com",
            name="Nina",
            token="t" * 20,
            expires_at=timezone.now() + timedelta(days=3),
        )
        action.owner, action.pending_owner = None, invite
        action.save()
        if kind == "invitation revoked":
            invite.revoked_at = timezone.now()
            invite.save()
    else:
        rules.archive_action(action)


@pytest.mark.parametrize("kind", CHANGES)
@pytest.mark.parametrize(
    "page", ["actions:list", "actions:board", "actions:list?sort=due", "actions:list?owner=me"]
)
def test_each_change_to_an_action_shows_on_its_row_or_card(page, kind, login, plan, member, owner):
    """Read as a member and as the owner (two sets of rights, so two copies of each row)."""
    name, _sep, query = page.partition("?")
    strategy = plan.strategies.get()
    action = make_action(strategy, member, "Bake")
    other = make_action(strategy, member, "Sell", position=1, proposed=True)
    query = query.replace("me", str(member.pk))
    address = reverse(name, args=["acme", plan.pk]) + (f"?{query}" if query else "")
    before = html(login(member), address)
    html(login(owner), address)
    _change(kind, action, other, member, owner)
    for reader in (member, owner):
        client = login(reader)
        assert_fresh(client, address, html(client, address), kind)
    if (kind, query) != ("moved", "sort=due"):  # due-date order does not show priority
        assert html(login(member), address) != before, f"the page does not show: {kind}"
