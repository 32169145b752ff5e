"""An invitation lapses at midnight in its workspace's time zone, so the cached pages that name
an invited owner ("Anna (invited)") say it lapsed from that moment, not a day later
(koers.accounts.services.invite_expiry; pages are kept per day: koers.lib.pagecache)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from koers.accounts.models import Role
from koers.accounts.services import create_invite
from koers.actions.tests.factories import make_action
from tests.pages import assert_fresh, html

AUCKLAND = ZoneInfo("Pacific/Auckland")
SENT = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)  # 2 March, 01:30 in Auckland


def test_an_invitation_lapses_at_midnight_in_the_workspace_zone(login, workspace, owner):
    workspace.time_zone = "Pacific/Auckland"
    workspace.save()
    with time_machine.travel(SENT, tick=False):
        invite = create_invite(workspace, "anna@example.com", Role.MEMBER, by=owner)
        last_day = datetime(2026, 3, 2, tzinfo=AUCKLAND) + timedelta(
            days=settings.INVITE_VALID_DAYS
        )
        assert invite.expires_at == last_day + timedelta(days=1)  # the night after, at 00:00
        page = html(login(owner), reverse("accounts:members", args=["acme"]))
    assert f"valid through {last_day.day} Mar 2026" in page


@pytest.mark.parametrize("page", ["plans:detail", "actions:list", "actions:board"])
def test_a_cached_page_says_an_invitation_lapsed_the_moment_it_did(
    page, login, workspace, plan, owner
):
    workspace.time_zone = "Pacific/Auckland"
    workspace.save()
    with time_machine.travel(SENT, tick=False) as clock:
        invite = create_invite(workspace, "anna@example.com", Role.MEMBER, by=owner, name="Anna")
        strategy = plan.strategies.get()
        strategy.owner, strategy.pending_owner = None, invite
        strategy.save()
        make_action(strategy, None, "Bake", pending_owner=invite)
        address = reverse(page, args=["acme", plan.pk])
        clock.move_to(invite.expires_at - timedelta(minutes=1))
        before = html(login(owner), address)
        assert "Anna (invited)" in before
        clock.move_to(invite.expires_at)
        client = login(owner)
        after = html(client, address)
        assert "Anna (invitation expired)" in after and "Anna (invited)" not in after
        assert_fresh(client, address, after, "the invitation lapsed")
