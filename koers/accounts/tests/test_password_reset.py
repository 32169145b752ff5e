"""Resetting a forgotten password by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

RESET = reverse("accounts:password_reset")
NEW_PASSWORD = "fresh-baguette-77"


@pytest.fixture
def member(member):
    # Django sends no reset mail to accounts without a usable password, as the fixture's are.
    member.set_password("old-crumpet-13")
    member.save(update_fields=["password"])
    return member


def reset_link() -> str:
    return re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)


def test_the_reset_link_lets_the_user_choose_a_new_password(client, member):
    response = client.post(RESET, {"email": "MIA@example.com"}, follow=True)
    assert "Check your e-mail" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mia@example.com"]
    assert mail.outbox[0].subject == "Reset your Koers password"
    link = reset_link()

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    done = client.post(form_page.redirect_chain[-1][0], data, follow=True)
    assert "Password changed" in done.content.decode()
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_the_reset_link_works_only_once(client, member):
    client.post(RESET, {"email": "mia@example.com"})
    link = reset_link()
    set_page = client.get(link).url
    client.post(set_page, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "This link no longer works" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_sends_nothing_but_shows_the_same_page(client, member):
    response = client.post(RESET, {"email": "nobody@example.com"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:password_reset_done")
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []
