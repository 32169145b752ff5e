"""An invitation lapses at midnight in its workspace's time zone, so the cached pages that name
an invited owner ("Anna (invited)") say it lapsed from that moment, not a day later
(koers.accounts.services.invite_expiry; pages are kept per day: koers.lib.pagecache)."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from koers.accounts.models import Role
from koers.accounts.services import WorkspaceError, change_time_zone, create_invite
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


# --- The workspace moves to another time zone (services.change_time_zone) ----------------------

LOS_ANGELES = "America/Los_Angeles"
ZONE_CHANGES = [("Pacific/Auckland", LOS_ANGELES), (LOS_ANGELES, "Pacific/Auckland")]


def promised_day(invite, zone):
    """The members page's "valid through" date, read in `zone`."""
    with timezone.override(zone):
        return invite.last_day


def members_page(client):
    return html(client, reverse("accounts:members", args=["acme"]))


def change_in_admin(client, workspace, zone):
    """The admin's change form, posted as it comes with the new zone."""
    memberships = list(workspace.memberships.all())
    post = {"name": workspace.name, "slug": workspace.slug, "time_zone": zone}
    post |= {
        "memberships-TOTAL_FORMS": len(memberships),
        "memberships-INITIAL_FORMS": len(memberships),
    }
    for i, m in enumerate(memberships):
        post |= {f"memberships-{i}-id": m.pk, f"memberships-{i}-workspace": workspace.pk}
        post |= {f"memberships-{i}-user": m.user_id, f"memberships-{i}-role": m.role}
    response = client.post(reverse("admin:accounts_workspace_change", args=[workspace.pk]), post)
    assert response.status_code == 302


def change_by_rule(client, workspace, zone):
    change_time_zone(workspace, zone)


@pytest.mark.parametrize(("old", "new"), ZONE_CHANGES)
@pytest.mark.parametrize("change", [change_by_rule, change_in_admin])
def test_an_invitation_still_lapses_as_its_promised_day_ends_in_the_new_zone(
    old, new, change, login, client, workspace, owner
):
    workspace.time_zone = old
    workspace.save()
    with time_machine.travel(SENT, tick=False) as clock:
        invite = create_invite(workspace, "anna@example.com", Role.MEMBER, by=owner)
        day = promised_day(invite, old)
        promised = f"valid through {day.day} Mar 2026"
        assert promised in members_page(login(owner))
        admin = make_user("root", is_staff=True, is_superuser=True)
        client.force_login(admin)
        change(client, workspace, new)
        workspace.refresh_from_db()
        assert workspace.time_zone == new
        assert promised in members_page(login(owner))
        day_ends = datetime.combine(day + timedelta(days=1), time.min, ZoneInfo(new))
        clock.move_to(day_ends - timedelta(minutes=1))
        assert promised in members_page(login(owner))  # open all through that day there
        clock.move_to(day_ends)
        assert "anna@example.com" not in members_page(login(owner))


def test_an_unknown_time_zone_is_refused_and_changes_nothing(workspace, owner):
    with time_machine.travel(SENT, tick=False):
        invite = create_invite(workspace, "anna@example.com", Role.MEMBER, by=owner)
        with pytest.raises(WorkspaceError, match="“Mars/Olympus” is not a time zone we know."):
            change_time_zone(workspace, "Mars/Olympus")
    workspace.refresh_from_db()
    expires = invite.expires_at
    invite.refresh_from_db()
    assert workspace.time_zone == "Europe/Amsterdam" and invite.expires_at == expires
