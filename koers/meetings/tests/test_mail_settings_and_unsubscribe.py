"""Which e-mails I receive: the settings page, the senders respecting it, and the unsubscribe
link (and List-Unsubscribe header) of every mail Koers sends to a person."""

import re

import pytest
from django.core import mail, signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from koers.actions.tests.factories import make_action
from koers.meetings import digest, links, notifications, rounds
from koers.meetings import mail as meeting_mail
from koers.meetings.models import NotificationSettings
from koers.meetings.notifications import Kind
from koers.meetings.tests.factories import make_session


@pytest.fixture
def asked(plan, member):
    session = make_session(plan, days_ahead=5)
    make_action(plan.strategies.get(), member, "Open a webshop")
    return session


def _to(user):
    return [m for m in mail.outbox if user.email in m.to]


def _unsubscribe_path(message) -> str:
    url = re.search(r"https?://\S+/unsubscribe/\S+/", message.body).group(0)
    return url[url.index("/unsubscribe/") :]


def _setting(user, kind):
    return getattr(notifications.settings_for(user), kind)


def _every_kind_of_mail(session, member):
    """A request, a reminder, a pre-read and a digest to Mia."""
    rounds.open_update_round(session, meeting_mail.send_update_request(session))
    rounds.remind(session, meeting_mail.send_reminder(session), manual=True)
    rounds.share_preread(session, meeting_mail.send_preread(session))
    NotificationSettings.objects.update_or_create(user=member, defaults={"digest": True})
    digest.send_digest(member)
    return {
        "request": next(m for m in _to(member) if m.subject.startswith("Your update")),
        "reminder": next(m for m in _to(member) if m.subject.startswith("Reminder")),
        "preread": next(m for m in _to(member) if m.subject.startswith("Please read")),
        "digest": next(m for m in _to(member) if m.subject == "Your week in Koers"),
    }


def test_the_settings_page_shows_the_defaults_and_saves_a_change(login, member):
    client = login(member)
    html = client.get(reverse("meetings:notifications")).content.decode()
    assert "Update requests and reminders" in html and "Weekly digest" in html
    assert not NotificationSettings.objects.filter(user=member).exists()  # reading wrote nothing
    response = client.post(
        reverse("meetings:notifications"),
        {"update_requests": "on", "digest": "on", "version": "0"},
    )
    assert response.status_code == 302
    row = NotificationSettings.objects.get(user=member)
    assert (row.update_requests, row.preread, row.digest) == (True, False, True)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("meetings:notifications") in page  # reached from the profile


def test_the_settings_page_needs_a_login(client):
    response = client.get(reverse("meetings:notifications"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_requests_reminders_and_prereads_are_not_sent_to_who_turned_them_off(asked, member):
    NotificationSettings.objects.create(user=member, update_requests=False, preread=False)
    rounds.open_update_round(asked, meeting_mail.send_update_request(asked))
    rounds.remind(asked, meeting_mail.send_reminder(asked), manual=True)
    rounds.share_preread(asked, meeting_mail.send_preread(asked))
    assert _to(member) == []
    # Still asked: the round page lists her as missing.
    assert any(row["person"] == member for row in rounds.completeness(asked))


@pytest.mark.parametrize("kind", ["request", "reminder", "preread", "digest"])
def test_every_kind_of_mail_carries_the_unsubscribe_header_and_link(asked, member, kind):
    message = _every_kind_of_mail(asked, member)[kind]
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header.startswith("<http") and header.endswith(f"{_unsubscribe_path(message)}>")
    assert "Stop receiving" in message.body and reverse("meetings:notifications") in message.body


def test_the_link_asks_to_confirm_then_unsubscribes_without_a_login(asked, member):
    message = _every_kind_of_mail(asked, member)["preread"]
    path = _unsubscribe_path(message)
    client = Client()
    page = client.get(path)
    assert page.status_code == 200
    assert "do you want to stop receiving pre-reads" in page.content.decode()
    assert _setting(member, Kind.PREREAD) is True  # a link scanner's GET changes nothing
    done = client.post(path)
    assert done.status_code == 200 and "You are unsubscribed" in done.content.decode()
    assert _setting(member, Kind.PREREAD) is False
    assert _setting(member, Kind.UPDATE_REQUESTS) is True  # only the kind of this mail


def test_one_click_unsubscribe_needs_no_csrf_token(asked, member):
    message = _every_kind_of_mail(asked, member)["request"]
    path = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = path[path.index("/unsubscribe/") :]
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert _setting(member, Kind.UPDATE_REQUESTS) is False
    mail.outbox.clear()
    later = make_session(asked.plan, days_ahead=9)
    rounds.open_update_round(later, meeting_mail.send_update_request(later))
    assert _to(member) == []


def test_a_tampered_or_foreign_token_is_refused_and_changes_nothing(asked, member, owner):
    good = notifications.token(member, Kind.UPDATE_REQUESTS)
    payload, rest = good.split(":", 1)
    other_user = signing.b64_encode(f'{{"u":{owner.pk},"k":"update_requests"}}'.encode()).decode()
    forgeries = [
        good[:-2] + ("AA" if not good.endswith("AA") else "BB"),  # another signature
        f"{other_user}:{rest}",  # another person under Mia's signature
        signing.dumps({"u": owner.pk, "k": "update_requests"}, salt=links.SALT),  # other purpose
        signing.dumps({"u": owner.pk, "k": "everything"}, salt=notifications.SALT),  # no kind
        links.issue(asked, member),  # an update link is no unsubscribe link
        "x" * 5000,
    ]
    for token in forgeries:
        response = Client().post(reverse("meetings:unsubscribe", args=[token]))
        assert response.status_code == 404, token
        assert "This link does not open" in response.content.decode()
    assert not NotificationSettings.objects.exists()
    assert payload  # the forgeries above reused the genuine token's parts


def test_an_unsubscribe_token_opens_no_update_page(asked, member):
    token = notifications.token(member, Kind.UPDATE_REQUESTS)
    assert Client().get(reverse("meetings:link", args=[token])).status_code == 404


def test_the_unsubscribe_page_speaks_the_persons_language(member):
    member.language = "nl"
    member.save(update_fields=["language"])
    token = notifications.token(member, Kind.DIGEST)
    NotificationSettings.objects.create(user=member, digest=True)
    html = Client().get(reverse("meetings:unsubscribe", args=[token])).content.decode()
    assert "wekelijkse overzichten" in html


def _views(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("api", "admin"):  # token auth; Django's own admin
                continue
            yield from _views(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}", pattern.callback


def test_only_the_unsubscribe_and_inbound_mail_views_skip_csrf():
    exempt = {name for name, view in _views() if getattr(view, "csrf_exempt", False)}
    assert exempt == {"meetings:unsubscribe", "meetings:inbound_mail"}


def test_the_settings_and_unsubscribe_pages_cost_few_queries(login, member):
    client = login(member)
    with CaptureQueriesContext(connection) as settings_page:
        client.get(reverse("meetings:notifications"))
    token = notifications.token(member, Kind.DIGEST)
    with CaptureQueriesContext(connection) as confirm_page:
        Client().get(reverse("meetings:unsubscribe", args=[token]))
    # The login session with its user, then the settings row; the person, then their row.
    assert len(settings_page.captured_queries) == 2
    assert len(confirm_page.captured_queries) == 2
