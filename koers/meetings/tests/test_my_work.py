"""My work: what is asked of me, from the page I land on after login."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.actions import rules as action_rules
from koers.actions.models import Action
from koers.actions.tests.factories import days_ago, make_action
from koers.meetings import asked
from koers.meetings.models import Decision, Kind
from koers.meetings.tests.factories import make_session


def page(client):
    return client.get(reverse("meetings:my_work", args=["acme"])).content.decode()


def test_the_next_session_asks_my_silent_actions_with_its_date_as_deadline(
    login, plan, member, owner
):
    strategy = plan.strategies.get()
    session = make_session(plan, days_ahead=6)
    make_action(strategy, member, "Open a webshop")
    fresh = make_action(strategy, member, "Print flyers")
    action_rules.post_update(fresh, member, did="Designed", progress=60, colour="green")
    make_action(strategy, owner, "Hire a baker")
    html = page(login(member))
    assert "Updates asked for the next session" in html
    section = html[html.index("Updates asked") : html.index("All my open actions")]
    assert "Open a webshop" in section
    assert "Print flyers" not in section  # updated in this round already
    assert "Hire a baker" not in html  # not mine
    deadline = timezone.localtime(session.starts_at).date()
    assert f"before {deadline.day} {deadline:%b} {deadline.year}" in section
    detail = reverse(
        "actions:detail", args=["acme", plan.pk, Action.objects.get(title="Open a webshop").pk]
    )
    assert f'href="{detail}#activity"' in section


def test_without_a_coming_session_no_update_is_asked(login, plan, member):
    make_action(plan.strategies.get(), member, "Open a webshop")
    make_session(plan, days_ahead=-3)  # already held
    html = page(login(member))
    assert "Updates asked for the next session" not in html
    assert "Nothing is asked of you right now." in html


def test_a_strategy_owner_is_asked_for_the_strategy_update_before_steering(login, plan, member):
    session = make_session(plan, kind=Kind.UPDATE, days_ahead=4)
    assert "Strategy updates asked" not in page(login(member))
    session.kind = Kind.STEERING
    session.save()
    html = page(login(member))
    url = reverse("actions:strategy_update", args=["acme", plan.pk, plan.strategies.get().pk])
    assert "Strategy updates asked for the steering session" in html and url in html
    action_rules.post_strategy_update(plan.strategies.get(), member, did="On track", colour="green")
    assert "Strategy updates asked" not in page(login(member))


def test_a_request_addressed_to_me_is_listed_until_answered(login, plan, member, owner):
    action = make_action(plan.strategies.get(), member)
    update = action_rules.post_update(
        action, member, need="Sign the quote", need_from=owner, progress=5, colour="orange"
    )
    client = login(owner)
    assert "Sign the quote" in page(client)
    client.post(reverse("actions:answer_request", args=["acme", update.pk]))
    assert "Sign the quote" not in page(client)


def test_a_decision_giving_me_an_action_waits_for_my_update(login, plan, member, owner):
    held = make_session(plan, days_ahead=-2)
    action = make_action(plan.strategies.get(), member, "Bake rye")
    Action.objects.filter(pk=action.pk).update(last_update_at=days_ago(10))
    Decision.objects.create(
        session=held, type=Decision.Type.OWNER, action=action, summary="Rye goes to Mia."
    )
    Decision.objects.create(
        session=held, type=Decision.Type.NOTE, action=action, summary="We like rye."
    )
    html = page(login(member))
    assert "Decided in a session, for you" in html and "Rye goes to Mia." in html
    assert "We like rye." not in html  # an agreement hands nobody work
    action_rules.post_update(action, member, did="Started", progress=5, colour="green")
    assert "Rye goes to Mia." not in page(login(member))


def test_the_navigation_counts_what_is_asked(login, plan, member, owner):
    make_session(plan, days_ahead=6)
    make_action(plan.strategies.get(), member, "A")
    make_action(plan.strategies.get(), member, "B")
    client = login(member)
    workspace_page = reverse("plans:workspace", args=["acme"])
    badge = reverse("meetings:asked_badge", args=["acme"])
    # A page that does not know the count yet leaves it to htmx, costing itself nothing …
    assert f'hx-get="{badge}"' in client.get(workspace_page).content.decode()
    assert ">2</span>" in client.get(badge).content.decode()
    # … and the pages after it show it straight away.
    html = client.get(workspace_page + "?again")  # a new address: not the cached copy
    assert "2 things asked of you" in html.content.decode()
    assert asked.count(member, plan.workspace) == asked.my_work(member, plan.workspace).count


def test_login_lands_on_my_work_when_something_is_asked(client, plan, member, owner):
    make_session(plan, days_ahead=6)
    make_action(plan.strategies.get(), member, "A")
    for user, where in [(member, reverse("meetings:my_work", args=["acme"])), (owner, "/")]:
        user.set_password("a long secret phrase")
        user.save()
        client.logout()
        response = client.post(
            reverse("accounts:login"),
            {"username": user.username, "password": "a long secret phrase"},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == where, user


def test_my_work_and_its_count_do_not_grow_with_what_is_asked(login, plan, member, owner):
    held = make_session(plan, days_ahead=-20)
    make_session(plan, kind=Kind.STEERING, days_ahead=6)
    strategy = plan.strategies.get()

    def grow(n):
        for i in range(n):
            action = make_action(strategy, member, f"A{i}")
            done = make_action(strategy, member, f"D{i}")
            action_rules.post_update(
                done, owner, need="Help", need_from=member, progress=1, colour="green"
            )
            Action.objects.filter(pk=done.pk).update(last_update_at=timezone.now() - timedelta(60))
            Decision.objects.create(session=held, type="new_action", action=done, summary="x")
            make_action(strategy, None, f"P{i}", proposed=True, proposed_by=member)
            del action

    def queries(url):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client = login(member)
    url = reverse("meetings:my_work", args=["acme"])
    grow(2)
    small = queries(url), asked.count(member, plan.workspace)
    grow(18)
    assert asked.count(member, plan.workspace) > small[1]
    assert "P17<" in client.get(url).content.decode()  # my proposals are listed too
    assert queries(url) == small[0] <= 10


def test_a_cached_my_work_follows_a_new_session_and_its_navigation_count(login, plan, member):
    make_action(plan.strategies.get(), member, "Open a webshop")
    client = login(member)
    assert "Nothing is asked of you right now." in page(client)  # cached now
    make_session(plan, days_ahead=6)  # changes the workspace: the copy is not used again
    html = page(client)
    assert "Updates asked for the next session" in html
    assert "1 thing asked of you" in html
