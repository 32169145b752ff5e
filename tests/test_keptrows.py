"""Rows kept as the database returned them (koers.lib.keptrows): the state holds what the
instances are made of, the instances equal the queryset's own, and no password reaches a key."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.actions.models import Action
from koers.actions.tests.factories import make_action
from koers.lib.keptrows import Rows
from koers.lib.pagecache import row_state


def test_instances_are_the_querysets_own_made_from_the_one_read(plan, member):
    strategy = plan.strategies.get()
    make_action(strategy, member, "Bake")
    make_action(strategy, None, "Sell")
    queryset = Action.objects.select_related("strategy", "owner").order_by("pk")
    with CaptureQueriesContext(connection) as read:
        rows = Rows(queryset)
        made = rows.objects
        shown = [(a.title, a.strategy.title, a.owner and a.owner.first_name) for a in made]
    assert len(read.captured_queries) == 1  # relations set from the same rows
    expected = list(queryset)
    assert shown == [(a.title, a.strategy.title, a.owner and a.owner.first_name) for a in expected]
    assert [row_state(a) for a in made] == [row_state(a) for a in expected]
    assert rows.column("title") == ["Bake", "Sell"]
    assert [a.title for a in rows.part([1])] == ["Sell"]


def test_a_change_to_a_related_row_shown_changes_the_state_but_no_password_is_in_it(plan, member):
    make_action(plan.strategies.get(), member, "Bake")
    queryset = Action.objects.select_related("owner")
    before = Rows(queryset).state
    member.set_password("another secret")
    member.save()
    assert Rows(queryset).state == before  # the hash is never read into a key
    assert not any(member.password == value for value in before[0])
    member.first_name = "Mira"
    member.save()
    assert Rows(queryset).state != before
