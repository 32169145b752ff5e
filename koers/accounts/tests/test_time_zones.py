"""Times in the workspace's own time zone on every page of it, read and shown (koers.accounts
.zones): the door sets the zone, the request's end takes it away again."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from koers.accounts import zones
from koers.accounts.models import Membership, Role
from koers.actions import rules
from koers.actions.models import Action
from koers.actions.tests.factories import make_action
from koers.lib import dates
from koers.meetings import tasks
from koers.meetings.models import Kind, Session
from koers.plans.models import Plan, Strategy
from tests.pages import assert_fresh, html

# (zone, the moment an update is posted, how its page and log show it, My work's date). The
# server's zone (Europe/Amsterdam) would show 1 Mar 2026 for both, at 13:30 and 04:30.
ZONES = [
    ("Pacific/Auckland", datetime(2026, 3, 1, 12, 30, tzinfo=UTC), "2 Mar 2026, 01:30", "2 Mar"),
    (
        "America/Los_Angeles",
        datetime(2026, 3, 1, 3, 30, tzinfo=UTC),
        "28 Feb 2026, 19:30",
        "28 Feb",
    ),
]


def in_zone(workspace, zone):
    workspace.time_zone = zone
    workspace.save()


def action_with_update_at(strategy, owner, moment) -> Action:
    action = make_action(strategy, owner, "Bake")
    with time_machine.travel(moment, tick=False):
        rules.post_update(action, owner, did="Ovens on", progress=20, colour="green")
    return action


def action_url(action):
    plan = action.strategy.plan
    return reverse("actions:detail", args=[plan.workspace.slug, plan.pk, action.pk])


@pytest.mark.parametrize(("zone", "moment", "shown", "day"), ZONES)
def test_an_update_shows_its_time_in_the_workspace_zone(
    zone, moment, shown, day, login, workspace, plan, member
):
    in_zone(workspace, zone)
    action = action_with_update_at(plan.strategies.get(), member, moment)
    client = login(member)
    assert shown in html(client, action_url(action))
    assert shown.replace(",", "") in html(client, reverse("history:log", args=["acme"]))
    assert f"updated {day}" in html(client, reverse("meetings:my_work", args=["acme"]))


def test_two_workspaces_in_different_zones_each_keep_their_own_times(
    login, workspace, other_workspace, plan, member
):
    """One person in both; the same moment is another time in each, cached or not."""
    moment = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
    in_zone(workspace, "Pacific/Auckland")
    in_zone(other_workspace, "America/Los_Angeles")
    Membership.objects.create(workspace=other_workspace, user=member, role=Role.MEMBER)
    other_plan = Plan.objects.create(
        workspace=other_workspace,
        name="Other 2026",
        period="2026",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    other_strategy = Strategy.objects.create(plan=other_plan, title="Grow", position=0)
    here = action_url(action_with_update_at(plan.strategies.get(), member, moment))
    there = action_url(action_with_update_at(other_strategy, member, moment))
    client = login(member)
    for _twice in range(2):  # the second time from the cache
        assert "2 Mar 2026, 01:30" in html(client, here)
        page = html(client, there)
        assert "1 Mar 2026, 04:30" in page and "01:30" not in page
    assert_fresh(client, here, html(client, here), "read after another workspace")


def test_a_session_time_is_typed_and_shown_in_the_workspace_zone(
    login, workspace, plan, process_owner
):
    in_zone(workspace, "Pacific/Auckland")
    client = login(process_owner)
    data = {"kind": Kind.UPDATE, "starts_at": "2027-12-14T09:00", "duration_minutes": 60}
    response = client.post(reverse("meetings:new", args=["acme", plan.pk]), data)
    assert response.status_code == 302
    session = Session.objects.get(plan=plan)
    assert session.starts_at == datetime(2027, 12, 14, 9, 0, tzinfo=ZoneInfo("Pacific/Auckland"))
    assert session.starts_at == datetime(2027, 12, 13, 20, 0, tzinfo=UTC)
    edit = reverse("meetings:edit", args=["acme", plan.pk, session.pk])
    assert 'value="2027-12-14T09:00"' in html(client, edit)
    detail = reverse("meetings:detail", args=["acme", plan.pk, session.pk])
    assert "Tuesday 14 December 2027, 09:00" in html(client, detail)


def test_a_due_date_is_stored_as_the_day_typed(login, workspace, plan, owner):
    """Dates have no time zone: a deadline is the day typed, wherever the workspace is."""
    in_zone(workspace, "Pacific/Kiritimati")  # UTC+14: its day starts before anyone else's
    strategy = plan.strategies.get()
    data = {"strategy": strategy.pk, "title": "Print flyers", "owner": owner.pk}
    data |= {"start_date": "2027-01-04", "due_date": "2027-06-30"}
    response = login(owner).post(reverse("actions:new", args=["acme", plan.pk]), data)
    assert response.status_code == 302
    action = Action.objects.get(title="Print flyers")
    assert (action.start_date, action.due_date) == (date(2027, 1, 4), date(2027, 6, 30))


def test_the_zone_ends_with_the_request(login, workspace, plan, member, viewer):
    in_zone(workspace, "Pacific/Auckland")
    action = make_action(plan.strategies.get(), member, "Bake")
    assert login(member).get(action_url(action)).status_code == 200
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE
    # Refused after the door let the zone in: the request still ends in the server's zone.
    update = reverse("actions:update", args=["acme", plan.pk, action.pk])
    assert login(viewer).post(update, {"did": "x"}).status_code == 403
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_a_request_starts_in_the_server_zone(rf):
    timezone.activate("Pacific/Auckland")  # whatever ran before in this thread
    seen = []

    def view(request):
        seen.append(timezone.get_current_timezone_name())
        timezone.activate("America/Los_Angeles")  # as a door does

    zones.ZoneMiddleware(view)(rf.get("/"))
    assert seen == [settings.TIME_ZONE]
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_the_update_request_mail_dates_the_session_in_the_workspace_zone(plan, workspace, member):
    in_zone(workspace, "Pacific/Auckland")
    auckland = ZoneInfo("Pacific/Auckland")
    day = timezone.localtime(timezone.now(), auckland).date() + timedelta(days=5)
    starts = datetime(day.year, day.month, day.day, 9, 0, tzinfo=auckland)  # Europe: the day before
    session = Session.objects.create(plan=plan, kind=Kind.UPDATE, starts_at=starts)
    make_action(plan.strategies.get(), member, "Bake")
    tasks.open_round.call(session.pk)
    (sent,) = mail.outbox
    assert dates.day(starts.date()) in sent.subject
    assert dates.day(starts.date() - timedelta(days=1)) not in sent.subject
