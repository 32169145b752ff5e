"""No link or redirect built from a `next` leaves the site (koers/lib/redirects.py)."""

import re
from html import unescape
from urllib.parse import quote

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from koers.analysis import swot

# Spellings of another origin that a naive "starts with /" check lets through, as the view
# reads them (the issue's `?next=/%5Cevil.example/` arrives as `/\evil.example/`).
HOSTILE = [
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    " //evil.example",
]
LINK = re.compile(r'(?:href|action)="([^"]*)"|name="next" value="([^"]*)"')


@pytest.fixture
def decide(workspace, owner):
    item = swot.add_item(workspace, owner, kind="risk", description="Grain prices rise")
    return reverse("analysis:swot_decide", args=["acme", item.pk]), f"#swot-{item.pk}"


def _query(value):
    return "?next=" + quote(value, safe="/")  # "/\\evil.example/" → "/%5Cevil.example/"


def _links(page):
    """Every address the page links to, posts to, or carries as a `next`."""
    return [unescape(a or b) for a, b in LINK.findall(page)]


def _stays_on_site(address):
    return address.startswith("#") or (
        address.startswith("/") and address[1:2] not in ("/", "\\", "\t")
    )


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_decide_pages_cancel_link_never_leads_to_another_site(login, owner, decide, hostile):
    url, anchor = decide
    page = login(owner).get(url + _query(hostile)).content.decode()
    assert f'href="/w/acme/analysis/swot/{anchor}"' in page
    assert all(_stays_on_site(link) for link in _links(page)), _links(page)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_deciding_never_redirects_to_another_site(login, owner, decide, hostile):
    url, anchor = decide
    response = login(owner).post(url, {"decision": "ignore", "reason": "x", "next": hostile})
    assert response["Location"].endswith(anchor)


def test_a_next_on_this_site_is_still_followed(login, owner, decide):
    url, _anchor = decide
    response = login(owner).post(url, {"decision": "ignore", "reason": "x", "next": "/w/acme/"})
    assert response["Location"] == "/w/acme/"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_switching_language_never_redirects_to_another_site(client, db, hostile):
    response = client.post(reverse("accounts:language"), {"language": "nl", "next": hostile})
    assert response["Location"] == reverse("core:home")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_logging_in_never_redirects_to_another_site(client, owner, hostile):
    owner.set_password("crusty-sourdough-42")
    owner.save()
    login = reverse("accounts:login")
    page = client.get(login + _query(hostile)).content.decode()
    assert all(_stays_on_site(link) for link in _links(page)), _links(page)
    response = client.post(
        login, {"username": "olivia", "password": "crusty-sourdough-42", "next": hostile}
    )
    assert response["Location"] == resolve_url(settings.LOGIN_REDIRECT_URL)  # the landing page


@pytest.mark.parametrize("hostile", HOSTILE)
def test_logging_out_never_redirects_to_another_site(login, owner, hostile):
    response = login(owner).post(reverse("accounts:logout"), {"next": hostile})
    assert response["Location"] == reverse("accounts:login")


def test_on_https_a_plain_http_next_is_refused(login, owner, decide):
    url, anchor = decide
    response = login(owner).post(
        url,
        {"decision": "ignore", "reason": "x", "next": "http://testserver/w/acme/"},
        secure=True,
    )
    assert response["Location"].endswith(anchor)
