"""Signing up, logging in by username or e-mail, throttling, logging out."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from koers.accounts.models import User

PASSWORD = "a-sturdy-long-password"


@pytest.fixture
def anna(db):
    user = User.objects.create_user("anna", "Anna@Example.com", PASSWORD)
    return user


def login_post(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_signing_up_creates_the_account_and_leads_to_a_new_workspace(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "bram",
            "email": "Bram@Example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response["Location"] == reverse("accounts:workspace_new")
    user = User.objects.get(username="bram")
    assert user.email == "bram@example.com"
    assert client.session[SESSION_KEY] == str(user.pk)


def test_an_e_mail_address_can_only_be_used_once(client, anna):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "other",
            "email": "ANNA@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in response.content.decode()
    assert not User.objects.filter(username="other").exists()


@pytest.mark.parametrize(("password", "accepted"), [("password123", False), ("x" * 200, True)])
def test_common_passwords_are_refused_and_long_ones_accepted(client, db, password, accepted):
    client.post(
        reverse("accounts:signup"),
        {
            "username": "cas",
            "email": "cas@example.com",
            "password1": password,
            "password2": password,
        },
    )
    assert User.objects.filter(username="cas").exists() is accepted


@pytest.mark.parametrize("identifier", ["anna", "ANNA", "anna@example.com", "Anna@EXAMPLE.com"])
def test_log_in_with_username_or_e_mail(client, anna, identifier):
    response = login_post(client, identifier)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(anna.pk)


def test_a_wrong_password_is_refused(client, anna):
    response = login_post(client, "anna", "wrong-password")
    assert response.status_code == 200 and SESSION_KEY not in client.session
    assert "Please enter a correct" in response.content.decode()


def test_repeated_failures_lock_the_login_even_with_the_right_password(client, anna):
    for _ in range(5):
        login_post(client, "anna", "wrong-password")
    response = login_post(client, "anna")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_logging_in_gives_a_new_session_key(client, anna):
    client.get(reverse("accounts:login"))
    client.session.save()
    before = client.session.session_key
    login_post(client, "anna")
    assert client.session.session_key != before


def test_logging_out_ends_the_session(client, anna):
    login_post(client, "anna")
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_a_deactivated_user_is_logged_out_and_cannot_log_in(client, anna):
    login_post(client, "anna")
    anna.is_active = False
    anna.save()
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert login_post(client, "anna").status_code == 200  # the form refuses, no redirect
    assert client.get(reverse("accounts:profile")).status_code == 302
