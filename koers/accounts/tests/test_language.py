"""Choosing the language: stored for users, a cookie for visitors, the browser's as fallback."""

import pytest
from django.conf import settings
from django.urls import reverse

LANGUAGE = reverse("accounts:language")
HOME = reverse("core:home")


def page_language(response) -> str:
    html = response.content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_user_who_picks_dutch_keeps_it_on_every_device(login, member):
    client = login(member)
    response = client.post(LANGUAGE, {"language": "nl", "next": HOME})
    assert response["Location"] == HOME
    member.refresh_from_db()
    assert member.language == "nl"
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]  # as on another device
    response = client.get(reverse("accounts:profile"))
    assert page_language(response) == "nl" and "Je profiel" in response.content.decode()


def test_a_visitor_who_picks_dutch_gets_a_cookie_and_dutch_pages(client, db):
    response = client.post(LANGUAGE, {"language": "nl"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    response = client.get(reverse("accounts:login"))
    assert page_language(response) == "nl" and "Inloggen" in response.content.decode()


def test_an_unknown_language_changes_nothing(login, member):
    client = login(member)
    response = client.post(LANGUAGE, {"language": "xx"})
    member.refresh_from_db()
    assert member.language == ""
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_browser_language_is_used_when_the_user_has_no_preference(login, member):
    response = login(member).get(HOME, HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    assert page_language(response) == "nl"


def test_the_users_choice_wins_over_the_browser_language(login, member):
    member.language = "en"
    member.save(update_fields=["language"])
    response = login(member).get(HOME, HTTP_ACCEPT_LANGUAGE="nl")
    assert page_language(response) == "en"


def test_the_switch_returns_to_the_page_it_was_used_on(login, member, workspace):
    page = reverse("accounts:members", args=["acme"])
    response = login(member).post(LANGUAGE, {"language": "en", "next": page})
    assert response["Location"] == page


@pytest.mark.parametrize("target", ["http://evil.example/", "//evil.example/"])
def test_an_unsafe_next_address_is_not_followed(login, member, target):
    response = login(member).post(LANGUAGE, {"language": "nl", "next": target})
    assert response["Location"] == HOME


def test_switching_language_needs_a_post(client, db):
    assert client.get(LANGUAGE, {"language": "nl"}).status_code == 405
