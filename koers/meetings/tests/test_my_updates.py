"""All my updates on one page: previous update beside each form, save one or all, unchanged."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.actions import rules as action_rules
from koers.actions.models import ActionUpdate, StrategyUpdate
from koers.actions.tests.factories import make_action
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


def url():
    return reverse("meetings:my_updates", args=["acme"])


def test_every_asked_action_shows_my_previous_update_beside_its_form(login, plan, member, owner):
    strategy = plan.strategies.get()
    make_session(plan, days_ahead=5)
    red = make_action(strategy, member, "Open a webshop")
    action_rules.post_update(
        red,
        member,
        did="Chose a platform",
        next="Build it",
        need="Budget",
        progress=30,
        colour="red",
    )
    make_action(strategy, member, "Print flyers")
    make_action(strategy, owner, "Hire a baker")
    html = login(member).get(url()).content.decode()
    assert "Open a webshop" in html and "Print flyers" in html
    assert "Hire a baker" not in html  # not mine
    item = html[html.index(f'id="item-a{red.pk}"') :]
    assert "Chose a platform" in item and "Build it" in item and "Budget" in item
    assert "30%" in item
    assert "Nothing changed since last time" in item
    assert 'value="30"' in item  # progress starts at what it was


def test_save_one_with_htmx_returns_that_item_and_records_the_update(login, plan, member):
    make_session(plan, days_ahead=5)
    action = make_action(plan.strategies.get(), member, "Open a webshop")
    other = make_action(plan.strategies.get(), member, "Print flyers")
    data = {
        "only": f"a{action.pk}",
        f"a{action.pk}-did": "Launched",
        f"a{action.pk}-progress": "80",
        f"a{action.pk}-colour": "green",
        f"a{other.pk}-did": "not this one",
        f"a{other.pk}-progress": "10",
        f"a{other.pk}-colour": "red",
    }
    response = login(member).post(url(), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="item-a{action.pk}"' in html and f'id="item-a{other.pk}"' not in html
    assert "Saved" in html and "Launched" in html  # the new update is now the previous one
    action.refresh_from_db()
    assert (action.progress, action.colour) == (80, "green")
    assert not ActionUpdate.objects.filter(action=other).exists()


def test_an_invalid_item_answers_422_with_its_message_and_saves_nothing(login, plan, member):
    make_session(plan, days_ahead=5)
    action = make_action(plan.strategies.get(), member)
    data = {
        "only": f"a{action.pk}",
        f"a{action.pk}-progress": "500",
        f"a{action.pk}-colour": "green",
    }
    response = login(member).post(url(), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Say at least what you did" in html
    assert not ActionUpdate.objects.exists()


def test_save_all_saves_every_touched_item_and_skips_the_rest(login, plan, member):
    make_session(plan, days_ahead=5)
    strategy = plan.strategies.get()
    done = make_action(strategy, member, "A")
    action_rules.post_update(
        done, member, did="Old", next="Keep going", progress=40, colour="orange"
    )
    fresh = make_action(strategy, member, "B")
    untouched = make_action(strategy, member, "C")
    data = {
        f"a{done.pk}-same": "on",
        f"a{done.pk}-progress": "40",
        f"a{done.pk}-colour": "orange",
        f"a{fresh.pk}-next": "Call the bank",
        f"a{fresh.pk}-progress": "5",
        f"a{fresh.pk}-colour": "green",
        f"a{untouched.pk}-progress": "0",
        f"a{untouched.pk}-colour": "",
    }
    client = login(member)
    response = client.post(url(), data)
    assert response.status_code == 302
    same = done.updates.order_by("-created_at", "-pk").first()
    assert same.did == "Nothing changed since the last update."
    assert (same.next, same.progress, same.colour) == ("Keep going", 40, "orange")
    assert fresh.updates.get().next == "Call the bank"
    assert not untouched.updates.exists()
    assert "2 updates saved." in client.get(url()).content.decode()


def test_save_all_is_all_or_nothing(login, plan, member):
    make_session(plan, days_ahead=5)
    a = make_action(plan.strategies.get(), member, "A")
    b = make_action(plan.strategies.get(), member, "B")
    data = {
        f"a{a.pk}-did": "Fine",
        f"a{a.pk}-progress": "10",
        f"a{a.pk}-colour": "green",
        f"a{b.pk}-did": "Broken",
        f"a{b.pk}-progress": "101",
        f"a{b.pk}-colour": "green",
    }
    response = login(member).post(url(), data)
    assert response.status_code == 422
    assert "Ensure this value is less than or equal to 100." in response.content.decode()
    assert not ActionUpdate.objects.exists()


def test_nothing_changed_needs_an_earlier_update(login, plan, member):
    make_session(plan, days_ahead=5)
    a = make_action(plan.strategies.get(), member)
    response = login(member).post(
        url(), {f"a{a.pk}-same": "on", f"a{a.pk}-progress": "0", f"a{a.pk}-colour": "green"}
    )
    assert response.status_code == 422
    assert "There is no earlier update to repeat." in response.content.decode()


def test_an_action_not_asked_of_me_cannot_be_saved_here(login, plan, member, owner):
    make_session(plan, days_ahead=5)
    theirs = make_action(plan.strategies.get(), owner, "Theirs")
    data = {
        "only": f"a{theirs.pk}",
        f"a{theirs.pk}-did": "x",
        f"a{theirs.pk}-progress": "5",
        f"a{theirs.pk}-colour": "green",
    }
    response = login(member).post(url(), data)
    assert response.status_code == 422
    assert not ActionUpdate.objects.exists()


def test_before_steering_my_strategies_are_on_the_page_too(login, plan, member):
    make_session(plan, kind=Kind.STEERING, days_ahead=3)
    strategy = plan.strategies.get()
    html = login(member).get(url()).content.decode()
    assert f'id="item-s{strategy.pk}"' in html
    data = {
        "only": f"s{strategy.pk}",
        f"s{strategy.pk}-did": "On track",
        f"s{strategy.pk}-colour": "green",
    }
    assert login(member).post(url(), data, HTTP_HX_REQUEST="true").status_code == 200
    assert StrategyUpdate.objects.get(strategy=strategy).did == "On track"


def test_my_work_links_to_the_page(login, plan, member):
    make_session(plan, days_ahead=5)
    make_action(plan.strategies.get(), member)
    html = login(member).get(reverse("meetings:my_work", args=["acme"])).content.decode()
    assert f'href="{url()}"' in html


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url()).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_costs_the_same_queries_for_2_and_20_actions(login, plan, member):
    make_session(plan, kind=Kind.STEERING, days_ahead=5)
    strategy = plan.strategies.get()
    for i in range(2):
        a = make_action(strategy, member, f"A{i}")
        action_rules.post_update(a, member, did="x", progress=1, colour="green")
    client = login(member)
    few = _queries(client)
    for i in range(18):
        a = make_action(strategy, member, f"B{i}")
        action_rules.post_update(a, member, did="y", progress=2, colour="red")
    assert _queries(client) == few
