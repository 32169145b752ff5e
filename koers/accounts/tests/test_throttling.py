"""Login and password-reset throttling across addresses and accounts (accounts/throttle.py)."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from conftest import make_user

LOGIN = reverse("accounts:login")
PASSWORD = "crusty-sourdough-42"


@pytest.fixture
def baker(db):
    user = make_user("baker")
    user.set_password(PASSWORD)
    user.save()
    return user


WRONG = "not-my-password"  # noqa: S105


def attempt(client, username, password=WRONG, address="127.0.0.1", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def test_guessing_one_password_from_ten_addresses_locks_the_account(client, baker):
    addresses = [f"127.0.0.{n}" for n in range(1, 11)]
    statuses = [attempt(client, "baker", address=a).status_code for a in addresses * 4]
    assert 429 in statuses
    assert statuses.count(200) == settings.LOGIN_LIMITS["username"] - 1
    # Locked for the right password too, from a fresh address.
    response = attempt(client, "baker", PASSWORD, address="127.0.0.99")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_spraying_many_user_names_from_one_address_locks_that_address(client, baker, db):
    for n in range(49):
        make_user(f"user{n}")
    names = [f"user{n}" for _round in range(4) for n in range(49)]  # 196 attempts, 4 per name
    statuses = []
    for name in names:
        statuses.append(attempt(client, name).status_code)
        if statuses[-1] == 429:
            break
    assert statuses.count(200) == settings.LOGIN_LIMITS["ip_address"] - 1
    assert statuses[-1] == 429
    # The address is locked even for a real password; another address is not.
    assert attempt(client, "baker", PASSWORD).status_code == 429
    assert attempt(client, "baker", PASSWORD, address="10.0.0.7").status_code == 302


def test_a_few_failures_from_elsewhere_do_not_lock_the_owner_out(client, baker):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "baker", address=f"127.0.1.{n}")
    assert attempt(client, "baker", PASSWORD, address="127.0.2.1").status_code == 302


def test_logging_in_to_ones_own_account_does_not_reset_an_addresses_failures(client, baker):
    limit = settings.LOGIN_LIMITS["ip_address"]
    for n in range(limit - 1):
        attempt(client, f"nobody{n}")
    assert attempt(client, "baker", PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, "nobody-else").status_code == 429


def test_without_a_proxy_a_forged_forwarded_for_does_not_change_the_address(client, baker):
    statuses = [
        attempt(client, "baker", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}").status_code
        for n in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert statuses[-1] == 429
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


@override_settings(BEHIND_PROXY=True)
def test_behind_a_proxy_the_address_it_forwards_is_counted(client, baker):
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client claims an address; the proxy appends the one it saw.
        attempt(client, "baker", HTTP_X_FORWARDED_FOR=f"1.2.3.4, 10.0.0.{n}", address="10.1.1.1")
    from axes.models import AccessAttempt

    addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert addresses == {f"10.0.0.{n}" for n in range(settings.AXES_FAILURE_LIMIT)}


def _reset(client, email, address="127.0.0.1"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_reset_mails_to_one_account_are_limited_and_say_so(client, baker):
    limit = settings.PASSWORD_RESET_LIMIT
    for n in range(limit):
        assert _reset(client, "baker@example.com", address=f"127.0.0.{n}").status_code == 302
    response = _reset(client, "BAKER@example.com", address="127.0.3.3")
    assert response.status_code == 429
    assert "Too many reset requests" in response.content.decode()
    assert len(mail.outbox) == limit


def test_reset_requests_from_one_address_are_limited(client, db):
    statuses = [
        _reset(client, f"someone{n}@example.com").status_code
        for n in range(10 * settings.PASSWORD_RESET_LIMIT + 1)
    ]
    assert statuses[-1] == 429 and statuses.count(302) == 10 * settings.PASSWORD_RESET_LIMIT


@override_settings(BEHIND_PROXY=True)
def test_a_forwarded_address_that_is_not_one_falls_back_to_the_connection(client, baker):
    response = attempt(client, "baker", HTTP_X_FORWARDED_FOR="not-an-address", address="10.3.3.3")
    assert response.status_code == 200
    from axes.models import AccessAttempt

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["10.3.3.3"]
