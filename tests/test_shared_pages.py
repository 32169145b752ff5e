"""Shared cached pages (koers.lib.pagecache, `rights=`): viewers with the same rights on a plan
are served one copy, with their own parts (name, badge, the controls of actions they may
update) filled in per request. Nobody ever sees another person's view, nor a page made for
other rights."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from conftest import _member
from koers.accounts.models import Membership, Role
from koers.actions import rules
from koers.actions.tests.factories import make_action
from koers.dashboard.models import Kpi
from koers.lib.pagecache import CACHE_HEADER, cached_page
from koers.meetings.tests.factories import make_session
from tests.pages import fresh, html, queries

USER_LINK = re.compile(r'class="user-link"[^>]*>([^<]*)<')


@pytest.fixture
def max_(workspace):
    """A second member: the same rights as Mia, another name, other actions."""
    return _member(workspace, "max", Role.MEMBER)


@pytest.fixture
def urls(plan, member, max_):
    strategy = plan.strategies.get()
    make_action(strategy, member, "Open a webshop")
    make_action(strategy, max_, "Hire a courier")
    session = make_session(plan)
    kpi = Kpi.objects.filter(plan=plan).order_by("pk").first()
    args = ["acme", plan.pk]
    return {
        "one page": reverse("plans:detail", args=args),
        "action list": reverse("actions:list", args=args),
        "board": reverse("actions:board", args=args),
        "dashboard": reverse("dashboard:dashboard", args=args),
        "kpi": reverse("dashboard:kpi", args=[*args, kpi.pk]),
        "session": reverse("meetings:detail", args=[*args, session.pk]),
    }


PAGES = ["one page", "action list", "board", "dashboard", "kpi", "session"]


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), response[CACHE_HEADER]


@pytest.mark.parametrize("page", PAGES)
def test_viewers_with_the_same_rights_share_a_copy_but_each_sees_their_own_name(
    page, urls, login, member, max_
):
    mia_page, mia_cache = served(login(member), urls[page])
    max_page, max_cache = served(login(max_), urls[page])
    assert (mia_cache, max_cache) == ("miss", "hit")  # one render served both
    assert USER_LINK.findall(mia_page) == ["Mia"]
    assert USER_LINK.findall(max_page) == ["Max"]


def _moves(page: str, plan, action) -> bool:
    """Whether the board offers this action's moves (its status form)."""
    return reverse("actions:status", args=["acme", plan.pk, action.pk]) in page


def test_each_owner_gets_only_their_own_cards_moves_from_a_shared_board(
    urls, login, plan, member, max_
):
    webshop, courier = plan.strategies.get().actions.order_by("pk")
    mia_page, _ = served(login(member), urls["board"])
    max_page, from_cache = served(login(max_), urls["board"])
    assert from_cache == "hit"
    assert _moves(mia_page, plan, webshop) and not _moves(mia_page, plan, courier)
    assert _moves(max_page, plan, courier) and not _moves(max_page, plan, webshop)


def test_a_co_owner_gets_the_moves_and_a_viewer_none(urls, login, plan, member, max_, viewer):
    webshop, courier = plan.strategies.get().actions.order_by("pk")
    webshop.co_owners.add(max_)
    served(login(member), urls["board"])
    max_page, _ = served(login(max_), urls["board"])
    assert _moves(max_page, plan, webshop) and _moves(max_page, plan, courier)
    viewer_page, _ = served(login(viewer), urls["board"])
    assert not _moves(viewer_page, plan, webshop) and not _moves(viewer_page, plan, courier)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("first", ["viewer", "member", "owner"])
def test_no_viewer_gets_a_page_made_for_other_rights(page, first, urls, login, users, max_):
    """Whoever filled the cache first, each viewer is served exactly their own fresh page."""
    people = {**users, "max": max_}
    order = [first] + [
        n for n in ("viewer", "member", "max", "process_owner", "owner") if n != first
    ]
    for name in order:  # fill the cache in this order
        html(login(people[name]), urls[page])
    for name in order:
        client = login(people[name])
        got = html(client, urls[page])
        assert got == fresh(client, urls[page]), f"{page} as {name} after {first}"
        # and refill the cache for the next one, as the first reader had it
        cache.clear()
        html(login(people[first]), urls[page])


def test_fewer_rights_never_see_more_controls(urls, login, plan, owner, viewer):
    owner_page = html(login(owner), urls["action list"])
    viewer_page = html(login(viewer), urls["action list"])
    new_action = reverse("actions:new", args=["acme", plan.pk])
    assert new_action in owner_page
    assert new_action not in viewer_page


def test_text_that_looks_like_a_marker_stays_text(urls, login, plan, member, max_):
    make_action(
        plan.strategies.get(), max_, "<!--koers:grant:1--> <!--koers:personal:_viewer.html-->"
    )
    page, _ = served(login(member), urls["board"])
    assert "&lt;!--koers:grant:1--&gt;" in page
    assert html(login(member), urls["board"]) == fresh(login(member), urls["board"])


@pytest.mark.parametrize("actions", [2, 20])
def test_a_shared_board_costs_the_same_queries_whatever_its_size(
    actions, urls, login, plan, member
):
    strategy = plan.strategies.get()
    for n in range(actions):
        make_action(strategy, member if n % 2 else None, f"Task {n}")
    client = login(member)
    client.get(urls["board"])
    # the login session, the door, and the ids of the actions Mia may update
    assert queries(client, urls["board"]) == 3


def test_a_shared_page_that_reads_the_viewer_fails_loudly(rf, member, workspace):
    request = rf.get("/")
    request.user, request.htmx = member, False
    with pytest.raises(RuntimeError, match="read the viewer"):
        cached_page(request, "_viewer.html", workspace, dict, rights=())
    assert request.user is member  # given back after the render


@pytest.mark.parametrize("who", ["viewer", "member", "max", "owner"])
def test_the_ids_filled_in_are_the_actions_the_rule_lets_update(who, urls, plan, users, max_):
    """`updatable_ids` (one query for a whole board) answers as `can_update` does per action."""
    webshop, courier = plan.strategies.get().actions.order_by("pk")
    webshop.co_owners.add(max_)
    person = {**users, "max": max_}[who]
    membership = Membership.objects.get(user=person, workspace=plan.workspace)
    ids = rules.updatable_ids(membership, plan)
    for action in (webshop, courier):
        assert (action.pk in ids) == rules.can_update(membership, action), (who, action.title)
