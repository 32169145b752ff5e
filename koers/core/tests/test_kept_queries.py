"""`keptrows.Rows.of`: a queryset compiled once per process for its parameters, then only run.
What it reads must be what the queryset reads, now, whatever was compiled before."""

from collections import OrderedDict

import pytest
from django.db.models import FilteredRelation, Q
from django.utils import timezone

from koers.actions import rules
from koers.actions.models import Action, ActionUpdate
from koers.actions.queries import latest
from koers.actions.tests.factories import make_action
from koers.lib import keptrows
from koers.lib.keptrows import Rows

built = []


def open_actions(plan_id, colour):
    built.append(plan_id)
    newest = latest(ActionUpdate, "action")
    latest_update = FilteredRelation("updates", condition=Q(updates__pk=newest))
    return (
        Action.objects.filter(strategy__plan_id=plan_id, colour=colour)
        .annotate(last=latest_update)
        .select_related("owner", "last__author")
        .order_by("pk")
    )


@pytest.fixture
def actions(plan, member):
    strategy = plan.strategies.get()
    bake = make_action(strategy, member, "Bake bread", colour="red")
    make_action(strategy, member, "Sell bread", colour="green")
    return bake


def test_it_reads_what_the_queryset_reads_after_every_change(plan, member, actions):
    first = Rows.of(open_actions, plan_id=plan.pk, colour="red")
    assert [a.title for a in first] == ["Bake bread"]
    assert first.column("last__did") == [None]  # no update yet
    rules.post_update(actions, member, did="Kneaded", progress=40, colour="red")
    make_action(plan.strategies.get(), member, "Buy flour", colour="red")
    again = Rows.of(open_actions, plan_id=plan.pk, colour="red")
    fresh = list(open_actions(plan.pk, "red"))
    assert [a.title for a in again] == [a.title for a in fresh] == ["Bake bread", "Buy flour"]
    assert again.objects[0].last.did == "Kneaded"  # the latest update, joined
    assert again.objects[0].last.author.display_name == member.display_name
    assert again.column("last__did") == ["Kneaded", None]


def test_it_builds_the_queryset_once_for_the_same_parameters(settings, plan, actions):
    settings.KEPT_QUERIES_CHECKED = False  # as in production
    built.clear()
    Rows.of(open_actions, plan_id=plan.pk, colour="orange")
    Rows.of(open_actions, plan_id=plan.pk, colour="orange")
    assert built == [plan.pk]
    Rows.of(open_actions, plan_id=plan.pk, colour="green")  # other parameters: its own
    assert built == [plan.pk, plan.pk]


def test_people_read_through_a_joined_update_leave_their_password_out(plan, member, actions):
    rules.post_update(actions, member, did="Kneaded", progress=40, colour="red")
    rows = Rows.of(open_actions, plan_id=plan.pk, colour="red")
    assert "password" not in repr(rows.state) and member.password not in repr(rows.state)
    assert {"password", "last_login"} <= rows.objects[0].last.author.get_deferred_fields()


def test_it_refuses_rows_as_parameters(plan):
    with pytest.raises(ValueError, match="ids"):
        Rows.of(open_actions, plan_id=plan, colour="red")


def test_a_full_store_lets_go_of_the_query_used_least_recently_not_of_all(
    settings, plan, actions, monkeypatch
):
    settings.KEPT_QUERIES_CHECKED = False  # as in production
    monkeypatch.setattr(keptrows, "KEPT_QUERIES", 2)
    monkeypatch.setattr(keptrows._COMPILED, "queries", OrderedDict(), raising=False)
    built.clear()
    Rows.of(open_actions, plan_id=plan.pk, colour="red")
    Rows.of(open_actions, plan_id=plan.pk, colour="green")
    Rows.of(open_actions, plan_id=plan.pk, colour="red")  # used again: the newest now
    Rows.of(open_actions, plan_id=plan.pk, colour="orange")  # a third: "green" goes
    assert built == [plan.pk] * 3
    Rows.of(open_actions, plan_id=plan.pk, colour="red")  # still kept
    assert built == [plan.pk] * 3
    Rows.of(open_actions, plan_id=plan.pk, colour="green")  # compiled again
    assert built == [plan.pk] * 4


def recent_actions(plan_id):
    return Action.objects.filter(strategy__plan_id=plan_id, created_at__gte=timezone.now())


def test_the_suite_fails_a_build_that_reads_the_clock(plan, actions):
    """Such a build would be served the SQL of the first time it ran: in the test suite it
    fails on its second use (the parameters, not the clock, must say what changes)."""
    Rows.of(recent_actions, plan_id=plan.pk)
    with pytest.raises(AssertionError, match="reads something besides its parameters"):
        Rows.of(recent_actions, plan_id=plan.pk)
