"""POST /mail/inbound/: an inbound-mail service hands Koers a reply with the shared secret;
the reply is stored as `receive_mail` would, and nothing else gets in."""

import base64

import pytest
from django.test import Client
from django.urls import reverse

from koers.actions import rules as action_rules
from koers.actions.models import ActionUpdate
from koers.actions.tests.factories import make_action
from koers.meetings import inbound
from koers.meetings.tests.factories import make_session

SECRET = "s3cret-for-the-mail-service-0123456789"
URL = "/mail/inbound/"


@pytest.fixture(autouse=True)
def _endpoint(settings):
    settings.UPDATE_REPLY_ADDRESS = "updates@koers.example"
    settings.INBOUND_MAIL_SECRET = SECRET


@pytest.fixture
def reply(plan, member):
    session = make_session(plan, days_ahead=5)
    action = make_action(plan.strategies.get(), member, "Open a webshop")
    action_rules.post_update(action, member, did="Started", progress=20, colour="orange")
    to = inbound.reply_address(session, member)
    raw = (
        f"From: Mia <{member.email}>\nTo: {to}\nSubject: Re: Your update\n"
        "Message-ID: <r1@mail.example>\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=utf-8\n\n[A{action.pk}]\ndid: Chose a platform\n"
        "progress: 45\n"
    ).encode()
    return action, raw


def _bearer(secret=SECRET):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _basic(password):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"api:{password}".encode()).decode()}


def _updates(action):
    return list(ActionUpdate.objects.filter(action=action).values_list("did", flat=True))


def test_the_url_is_the_documented_one():
    assert reverse("meetings:inbound_mail") == URL


def test_a_raw_message_with_the_right_secret_is_stored_once(reply):
    action, raw = reply
    client = Client()
    response = client.post(URL, raw, content_type="message/rfc822", **_bearer())
    assert response.status_code == 200 and response.json() == {"status": "saved", "saved": 1}
    assert "Chose a platform" in _updates(action)
    again = client.post(URL, raw, content_type="message/rfc822", **_bearer())
    assert again.json()["status"] == "duplicate"
    assert _updates(action).count("Chose a platform") == 1


@pytest.mark.parametrize("field", ["message", "body-mime", "email"])
def test_a_form_field_with_the_message_and_the_basic_password_works_too(reply, field):
    action, raw = reply
    response = Client().post(URL, {field: raw.decode(), "sender": "x"}, **_basic(SECRET))
    assert response.status_code == 200 and response.json()["status"] == "saved"
    assert "Chose a platform" in _updates(action)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        (_bearer("wrong"), 403),
        (_bearer(SECRET + "x"), 403),
        (_bearer(""), 403),
        (_basic("wrong"), 403),
        ({"HTTP_AUTHORIZATION": "Basic !!!not-base64"}, 403),
        ({"HTTP_AUTHORIZATION": "Token " + SECRET}, 401),
    ],
)
def test_a_missing_or_wrong_secret_is_refused_and_stores_nothing(reply, headers, status, caplog):
    action, raw = reply
    response = Client().post(URL, raw, content_type="message/rfc822", **headers)
    assert response.status_code == status
    assert _updates(action) == ["Started"]
    assert ("wrong secret" in caplog.text) == (status == 403)


def test_a_forged_reply_address_is_refused_even_with_the_secret(reply, caplog):
    action, raw = reply
    text = raw.decode()
    to_line = next(line for line in text.splitlines() if line.startswith("To: "))
    last = to_line.split("@")[0][-1]  # the address ends in its HMAC: change one digit
    forged = text.replace(to_line, to_line.replace(f"{last}@", f"{'1' if last == '0' else '0'}@"))
    response = Client().post(URL, forged.encode(), content_type="message/rfc822", **_bearer())
    assert response.status_code == 200 and response.json()["status"] == "refused"
    assert _updates(action) == ["Started"]
    assert "no genuine reply address" in caplog.text


def test_an_oversize_message_is_refused_before_it_is_read(reply, settings):
    action, raw = reply
    settings.INBOUND_MAIL_MAX_BYTES = 100
    response = Client().post(URL, raw + b"x" * 70000, content_type="message/rfc822", **_bearer())
    assert response.status_code == 413
    field = Client().post(URL, {"message": raw.decode()}, **_bearer())
    assert field.status_code == 413
    assert _updates(action) == ["Started"]


def test_get_is_not_allowed(reply):
    assert Client().get(URL, **_bearer()).status_code == 405


def test_the_endpoint_is_off_without_a_secret(reply, settings):
    action, raw = reply
    settings.INBOUND_MAIL_SECRET = ""
    response = Client().post(URL, raw, content_type="message/rfc822", **_bearer(""))
    assert response.status_code == 404
    assert _updates(action) == ["Started"]


def test_an_empty_or_missing_message_is_a_bad_request(reply):
    assert Client().post(URL, b"", content_type="message/rfc822", **_bearer()).status_code == 400
    assert Client().post(URL, {"other": "x"}, **_bearer()).status_code == 400


def test_requests_are_rate_limited_per_address(reply, settings):
    _action, raw = reply
    settings.INBOUND_MAIL_RATE_LIMIT = 2
    client = Client()
    for _ in range(2):
        assert client.post(URL, raw, content_type="message/rfc822", **_bearer()).status_code == 200
    assert client.post(URL, raw, content_type="message/rfc822", **_bearer()).status_code == 429


def test_csrf_is_not_asked_of_the_mail_service(reply):
    action, raw = reply
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, raw, content_type="message/rfc822", **_bearer())
    assert response.status_code == 200
    assert "Chose a platform" in _updates(action)


def test_postmarks_json_with_the_raw_message_is_stored(reply):
    action, raw = reply
    response = Client().post(
        URL, {"RawEmail": raw.decode(), "From": "x"}, content_type="application/json", **_bearer()
    )
    assert response.status_code == 200 and response.json()["status"] == "saved"
    assert "Chose a platform" in _updates(action)


def test_postmarks_json_without_the_raw_message_is_put_together_again(reply):
    action, raw = reply
    to = raw.decode().split("To: ")[1].split("\n")[0]
    document = {
        "From": "Mia <mia@example.com>",
        "FromFull": {"Email": "mia@example.com", "Name": "Mia"},
        "To": to,
        "OriginalRecipient": to,
        "Subject": "Re: Your update",
        "MessageID": "22c74902-a0c1-4511-804f-341342852c90",
        "TextBody": raw.decode().split("\n\n", 1)[1],
        "Headers": [
            {"Name": "Message-ID", "Value": "<r1@mail.example>"},
            {"Name": "X-Spam-Score", "Value": "0"},
        ],
        "Attachments": [],
    }
    client = Client()
    response = client.post(URL, document, content_type="application/json", **_bearer())
    assert response.status_code == 200 and response.json() == {"status": "saved", "saved": 1}
    assert "Chose a platform" in _updates(action)
    again = client.post(URL, document, content_type="application/json", **_bearer())
    assert again.json()["status"] == "duplicate"  # the same Message-ID: stored once


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'{"From": "a@example.com\\nBcc: b@example.com", "TextBody": "x"}',
        b'{"Headers": [{"Name": "Message-ID", "Value": "<a>\\r\\nX: y"}], "TextBody": "x"}',
        b'{"TextBody": ""}',
    ],
)
def test_json_that_is_not_a_message_is_a_bad_request_and_stores_nothing(reply, body):
    action, _raw = reply
    response = Client().post(URL, body, content_type="application/json", **_bearer())
    assert response.status_code == 400
    assert _updates(action) == ["Started"]
