"""Logging in (with a username or an e-mail address), lockout, logout and deactivation."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from koers.accounts.models import LoginSession

LOGIN = reverse("accounts:login")
PASSWORD = "crusty-sourdough-42"


@pytest.fixture
def baker(db):
    user = make_user("baker")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_logging_in_with_the_username_opens_the_home_page(client, baker):
    response = log_in(client, "baker")
    # By way of the landing page, which opens My work only when something is asked.
    assert client.get(response["Location"])["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).context["user"] == baker


@pytest.mark.parametrize("name", ["Baker", "baker@example.com", "BAKER@Example.COM"])
def test_logging_in_works_with_the_username_or_e_mail_in_any_case(client, baker, name):
    log_in(client, name)
    assert client.get(reverse("core:home")).context["user"] == baker


def test_a_wrong_password_shows_an_error_and_logs_nobody_in(client, baker):
    response = log_in(client, "baker", "not-my-password")
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_after_five_failures_the_account_is_locked_even_with_the_right_password(client, baker):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "baker", "not-my-password")
    response = log_in(client, "baker")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("variant", ["Baker", "baker@example.com"])
def test_the_lockout_cannot_be_dodged_by_spelling_the_name_differently(client, baker, variant):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "baker", "not-my-password")
    assert log_in(client, variant).status_code == 429


def test_logging_in_gives_a_new_session_key(client, baker):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    log_in(client, "baker")
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(baker.pk)


def test_logging_out_ends_the_session(client, baker):
    log_in(client, "baker")
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:home"))["Location"] == LOGIN


def test_logging_out_needs_a_post(client, baker):
    log_in(client, "baker")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.session["_auth_user_id"] == str(baker.pk)


def test_a_deactivated_user_cannot_log_in(client, baker):
    baker.is_active = False
    baker.save(update_fields=["is_active"])
    response = log_in(client, "baker")
    assert "Please enter a correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_deactivating_a_user_ends_their_open_session(client, baker, workspace):
    log_in(client, "baker")
    workspace.memberships.create(user=baker, role="member")
    assert client.get(reverse("plans:workspace", args=["acme"])).status_code == 200
    baker.is_active = False
    baker.save(update_fields=["is_active"])
    # ModelBackend.get_user refuses inactive users, so the next request is anonymous.
    assert client.get(reverse("core:home"))["Location"] == LOGIN
    assert client.get(reverse("plans:workspace", args=["acme"]))["Location"].startswith(LOGIN)


def test_an_expired_session_no_longer_logs_anyone_in(client, baker):
    log_in(client, "baker")
    assert client.get(reverse("core:home")).context["user"] == baker
    LoginSession.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("core:home"))["Location"] == LOGIN


def test_the_logged_in_user_is_loaded_with_every_field_as_saved(client, baker):
    baker.first_name, baker.language = "Bea", "nl"
    baker.save()
    log_in(client, "baker")
    user = client.get(reverse("core:home")).wsgi_request.user
    assert (user.pk, user.first_name, user.language, user.is_active) == (
        baker.pk,
        "Bea",
        "nl",
        True,
    )
    assert user.date_joined == baker.date_joined and user.last_login is not None


def test_a_request_reads_its_session_and_user_in_one_query(client, baker):
    log_in(client, "baker")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("core:home")).context["user"] == baker
    sql = [q["sql"] for q in ctx.captured_queries]
    assert not [q for q in sql if 'FROM "accounts_user"' in q]  # no read of the user alone
    assert len([q for q in sql if 'FROM "accounts_login_session"' in q]) == 1


def test_a_new_password_ends_the_sessions_opened_with_the_old_one(client, baker):
    log_in(client, "baker")
    baker.set_password("another-long-passphrase-7")
    baker.save()
    # The user read with the session still goes through Django's session-hash check.
    assert client.get(reverse("core:home"))["Location"] == LOGIN


def test_deleting_an_account_ends_its_sessions(client, baker):
    log_in(client, "baker")
    assert LoginSession.objects.get().user == baker
    baker.delete()
    assert not LoginSession.objects.exists()
    assert client.get(reverse("core:home"))["Location"] == LOGIN


def test_clearsessions_removes_expired_login_sessions(client, baker):
    from django.core.management import call_command

    log_in(client, "baker")
    LoginSession.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    call_command("clearsessions")
    assert not LoginSession.objects.exists()
