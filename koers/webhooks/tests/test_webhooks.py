"""Webhooks: a real receiver on 127.0.0.1 gets signed messages in the chosen format."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings
from django.urls import reverse

from koers.actions import rules
from koers.actions.tests.factories import make_action
from koers.meetings import decisions as meeting_decisions
from koers.meetings.models import Decision
from koers.meetings.tests.factories import make_session
from koers.webhooks import delivery
from koers.webhooks.delivery import UnsafeUrl, check_url
from koers.webhooks.models import Delivery, Endpoint


class Receiver:
    """An HTTP server in a thread that records what it receives and answers `status`."""

    def __init__(self):
        self.received, self.status = [], 200
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(outer.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def json(self, index=-1):
        return json.loads(self.received[index][1])


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def action(plan, member):
    return make_action(plan.strategies.get(), owner=member, title="Open a web shop")


def _endpoint(workspace, url, fmt="json", events=("update_posted",), language="en"):
    return Endpoint.objects.create(
        workspace=workspace, url=url, format=fmt, events=list(events), language=language
    )


def test_a_slack_message_arrives_when_an_update_is_posted(
    workspace, action, member, receiver, django_capture_on_commit_callbacks
):
    _endpoint(workspace, receiver.url, "slack")
    with django_capture_on_commit_callbacks(execute=True):
        rules.post_update(action, member, did="Chose a platform", progress=30, colour="orange")
    message = receiver.json()["text"]
    assert "Mia posted an update on “Open a web shop”: Orange, 30%." in message
    assert "Chose a platform" in message and "/actions/" in message
    assert Delivery.objects.get().state == Delivery.State.DELIVERED


def test_the_json_payload_is_signed_with_a_timestamp(
    workspace, action, member, receiver, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(workspace, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        rules.post_update(action, member, did="x", progress=5, colour="green")
    headers, body = receiver.received[0]
    fields = dict(part.split("=", 1) for part in headers["Koers-Signature"].split(","))
    expected = hmac.new(
        endpoint.secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(fields["v1"], expected)
    payload = json.loads(body)
    assert payload["event"] == "update_posted" and payload["data"]["colour"] == "green"


def test_teams_and_mattermost_speak_the_endpoints_language(
    workspace, action, member, owner, receiver, django_capture_on_commit_callbacks
):
    _endpoint(workspace, receiver.url, "teams", ["action_changed"], language="nl")
    _endpoint(workspace, receiver.url, "mattermost", ["action_changed"], language="en")
    with django_capture_on_commit_callbacks(execute=True):
        rules.close_action(action, owner, "finished")
    by_format = {("attachments" in json.loads(b)): json.loads(b) for _h, b in receiver.received}
    card = by_format[True]["attachments"][0]["content"]
    assert card["type"] == "AdaptiveCard"
    assert "is nu" in card["body"][0]["text"] and "Klaar" in card["body"][0]["text"]
    assert "is now" in by_format[False]["text"] and "Done" in by_format[False]["text"]


def test_only_chosen_events_are_sent(
    workspace, action, member, owner, receiver, django_capture_on_commit_callbacks
):
    _endpoint(workspace, receiver.url, events=["request_answered"])
    with django_capture_on_commit_callbacks(execute=True):
        rules.post_update(action, member, did="Nothing asked", progress=0, colour="green")
    assert receiver.received == []
    Endpoint.objects.update(events=["request_asked", "request_answered"])
    with django_capture_on_commit_callbacks(execute=True):
        asked = rules.post_update(
            action, member, need="A budget", need_from=owner, progress=0, colour="green"
        )
    assert receiver.json()["text"] == "Mia asks Olivia on “Open a web shop”: A budget"
    with django_capture_on_commit_callbacks(execute=True):
        rules.answer_request(asked, owner)
    assert receiver.json()["event"] == "request_answered"


def test_an_ended_session_sends_its_decisions(
    workspace, plan, receiver, django_capture_on_commit_callbacks
):
    _endpoint(workspace, receiver.url, "slack", ["session_ended"], language="nl")
    _endpoint(workspace, receiver.url, "json", ["session_ended"], language="en")
    session = make_session(plan)
    Decision.objects.create(session=session, type=Decision.Type.NOTE, summary="Hire a baker")
    Decision.objects.create(
        session=session,
        type=Decision.Type.COLOUR,
        summary="x",
        parts=[["Colour changed", {}]],
    )
    with django_capture_on_commit_callbacks(execute=True):
        meeting_decisions.close_session(session)
    slack, data = receiver.json(0), receiver.json(1)
    assert "• Hire a baker" in slack["text"] and "• Kleur gewijzigd" in slack["text"]
    assert "/minutes/" in slack["text"]
    assert data["data"]["decisions"] == ["Hire a baker", "Colour changed"]


def test_a_failed_delivery_is_retried_with_back_off_then_given_up(
    workspace, action, member, receiver, django_capture_on_commit_callbacks
):
    _endpoint(workspace, receiver.url)
    receiver.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        rules.post_update(action, member, did="x", progress=5, colour="green")
    first = Delivery.objects.get()
    assert (first.state, first.attempts, first.status_code) == ("retrying", 1, 500)
    waits = [first.next_attempt_at - first.last_attempt_at]
    for _ in range(delivery.MAX_ATTEMPTS - 2):
        retried = delivery.attempt(first.pk)
        waits.append(retried.next_attempt_at - retried.last_attempt_at)
    assert waits == [delivery.FIRST_RETRY * 4**n for n in range(4)]
    assert delivery.attempt(first.pk).state == "failed"
    assert len(receiver.received) == delivery.MAX_ATTEMPTS
    assert delivery.attempt(first.pk) is None  # a given-up delivery is not sent again


def test_a_retry_that_succeeds_is_delivered(
    workspace, action, member, receiver, django_capture_on_commit_callbacks
):
    _endpoint(workspace, receiver.url)
    receiver.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        rules.post_update(action, member, did="x", progress=5, colour="green")
    receiver.status = 204
    assert delivery.attempt(Delivery.objects.get().pk).state == "delivered"


def test_an_unreachable_receiver_is_logged_not_raised(
    workspace, action, member, django_capture_on_commit_callbacks
):
    _endpoint(workspace, "http://127.0.0.1:9/nothing-listens")
    with django_capture_on_commit_callbacks(execute=True):
        rules.post_update(action, member, did="x", progress=5, colour="green")
    logged = Delivery.objects.get()
    assert logged.state == "retrying" and logged.error


def test_a_rolled_back_change_announces_nothing(workspace, action, member, receiver):
    _endpoint(workspace, receiver.url)
    rules.post_update(action, member, did="x", progress=5, colour="green")  # never committed
    assert receiver.received == []


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/x",
        "http://127.0.0.1/x",
        "http://10.0.0.8/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://0.0.0.0/x",
        "file:///etc/passwd",
    ],
)
def test_internal_and_non_http_addresses_are_refused(url):
    with pytest.raises(UnsafeUrl):
        check_url(url)


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
def test_a_public_address_is_accepted():
    check_url("https://93.184.215.14/hooks/koers")


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
def test_a_stored_internal_address_is_not_called_either(
    workspace, action, member, receiver, django_capture_on_commit_callbacks
):
    _endpoint(workspace, receiver.url)  # e.g. saved while the setting allowed it
    with django_capture_on_commit_callbacks(execute=True):
        rules.post_update(action, member, did="x", progress=5, colour="green")
    assert receiver.received == []
    assert "internal" in Delivery.objects.get().error


def test_the_owner_adds_an_endpoint_and_sends_a_test(
    workspace, owner, client, receiver, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    url = reverse("webhooks:list", args=[workspace.slug])
    data = {"url": receiver.url, "format": "slack", "events": ["update_posted"], "language": "nl"}
    assert client.post(url, data).status_code == 302
    endpoint = Endpoint.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks:test", args=[workspace.slug, endpoint.pk]))
    assert "testbericht" in receiver.json()["text"]
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Afgeleverd (200)" in page and endpoint.secret in page


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
def test_the_form_shows_why_an_address_is_refused(workspace, owner, client):
    client.force_login(owner)
    url = reverse("webhooks:list", args=[workspace.slug])
    data = {"url": "http://192.168.1.1/", "format": "json", "events": ["update_posted"]}
    page = client.post(url, {**data, "language": "en"})
    assert page.status_code == 422
    assert "internal network addresses" in page.content.decode()
    assert not Endpoint.objects.exists()
