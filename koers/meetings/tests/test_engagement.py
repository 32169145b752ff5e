"""The round page shows engagement: who updated on time over the last sessions, and which
actions have been silent longest."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.actions.models import Action, ActionUpdate
from koers.actions.tests.factories import days_ago, make_action
from koers.meetings.engagement import engagement
from koers.meetings.tests.factories import make_session
from koers.plans.models import PlanRole


def wrote(action, author, days):
    ActionUpdate.objects.create(
        action=action, author=author, did="x", progress=5, colour="green", created_at=days_ago(days)
    )
    Action.objects.filter(pk=action.pk).update(last_update_at=days_ago(days))


def test_on_time_counts_updates_written_in_each_sessions_round(
    login, plan, member, owner, process_owner
):
    strategy = plan.strategies.get()
    mine, hers = make_action(strategy, member, "Mine"), make_action(strategy, owner, "Hers")
    make_session(plan, days_ahead=-40)  # round: 70 to 40 days ago
    make_session(plan, days_ahead=-10)  # round: 40 to 10 days ago
    current = make_session(plan, days_ahead=5)
    wrote(mine, member, 15)  # in the last round only
    wrote(hers, owner, 50)
    wrote(hers, owner, 20)  # in both rounds
    rows = {r.person.first_name: r.on_time for r in engagement(current)["people"]}
    assert rows == {"Mia": 1, "Olivia": 2}
    html = (
        login(process_owner)
        .get(reverse("meetings:round", args=["acme", plan.pk, current.pk]))
        .content.decode()
    )
    section = html[html.index('id="engagement-title"') :]
    assert "1 of 2 on time" in section and "2 of 2 on time" in section
    assert section.index("Mia") < section.index("Olivia")  # who needs a nudge first


def test_the_actions_silent_longest_come_first(plan, member):
    strategy = plan.strategies.get()
    never = make_action(strategy, member, "Never")
    old, recent = make_action(strategy, member, "Old"), make_action(strategy, member, "Recent")
    wrote(old, member, 60)
    wrote(recent, member, 2)
    silent = engagement(make_session(plan))["silent"]
    assert [a.title for a in silent] == [never.title, old.title, recent.title]


def test_engagement_does_not_grow_with_the_team(login, plan, member, owner, process_owner):
    strategy = plan.strategies.get()
    for days in (100, 70, 40, 10):
        make_session(plan, days_ahead=-days)
    current = make_session(plan, days_ahead=5)
    url = reverse("meetings:round", args=["acme", plan.pk, current.pk])
    client = login(process_owner)

    def grow(n):
        for i in range(n):
            action = make_action(strategy, [member, owner][i % 2], f"A{i}")
            wrote(action, action.owner, 15 + i % 40)

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    grow(2)
    small = queries()
    grow(18)
    assert queries() == small
    assert len(engagement(current)["sessions"]) == 4


def test_an_owner_who_only_views_the_plan_is_neither_silent_nor_late(
    login, plan, member, owner, process_owner
):
    strategy = plan.strategies.get()
    make_action(strategy, member, "Open a webshop")
    make_action(strategy, owner, "Hire a baker")
    PlanRole.objects.create(plan=plan, user=owner, role="viewer")  # Olivia only reads this plan
    make_session(plan, days_ahead=-10)
    current = make_session(plan, days_ahead=5)
    found = engagement(current)
    assert [a.title for a in found["silent"]] == ["Open a webshop"]
    assert [row.person for row in found["people"]] == [member]
    html = (
        login(process_owner)
        .get(reverse("meetings:round", args=["acme", plan.pk, current.pk]))
        .content.decode()
    )
    panel = html[html.index('id="engagement-title"') :]
    assert "Open a webshop" in panel
    assert "Hire a baker" not in panel and "Olivia" not in panel  # the round never asked her
    assert "Olivia" in html[html.index("Not asked") : html.index('id="engagement-title"')]
