"""The personal link of the update e-mails: it opens my updates for this round, nothing else."""

import re
from datetime import timedelta

from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import Membership
from koers.actions.models import ActionUpdate
from koers.actions.tests.factories import make_action
from koers.history.models import Change
from koers.meetings import links, rounds
from koers.meetings import mail as meeting_mail
from koers.meetings.models import Session, UpdateLink
from koers.meetings.tests.factories import make_session
from koers.plans.models import Plan


def _link_from_mail(message) -> str:
    return re.search(r"https?://\S+/u/\S+/", message.body).group(0)


def _path(url: str) -> str:
    return url[url.index("/u/") :]


def _post(item, **fields):
    return {f"{item}-{k}": v for k, v in fields.items()}


def test_the_request_mail_carries_a_link_that_opens_my_updates_without_login(plan, member):
    session = make_session(plan, days_ahead=5)
    action = make_action(plan.strategies.get(), member, "Open a webshop")
    rounds.open_update_round(session, meeting_mail.send_update_request(session))
    body = next(m for m in mail.outbox if member.email in m.to)
    url = _link_from_mail(body)
    link = UpdateLink.objects.get(user=member, session=session)
    token = _path(url).split("/")[2]
    assert link.digest != token and token not in link.digest  # only its hash is kept
    fresh = Client()
    page = fresh.get(_path(url))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Open a webshop" in html and "Personal link for Mia" in html
    data = {
        "only": f"a{action.pk}",
        **_post(f"a{action.pk}", did="Built", progress=50, colour="green"),
    }
    assert fresh.post(_path(url), data, HTTP_HX_REQUEST="true").status_code == 200
    update = ActionUpdate.objects.get(action=action)
    assert (update.author, update.did, update.progress) == (member, "Built", 50)
    change = Change.objects.filter(kind__icontains="actionupdate").first()
    assert change.actor_id == member.pk  # the history names who wrote it


def test_the_reminder_carries_a_link_too(plan, member):
    session = make_session(plan, days_ahead=5)
    make_action(plan.strategies.get(), member)
    meeting_mail.send_reminder(session)(member, {"actions": [], "strategies": []})
    assert "/u/" in mail.outbox[-1].body


def _token(session, user):
    return links.issue(session, user)


def test_the_link_opens_no_other_page_and_no_other_write(plan, member, owner):
    session = make_session(plan, days_ahead=5)
    mine = make_action(plan.strategies.get(), member, "Mine")
    theirs = make_action(plan.strategies.get(), owner, "Theirs")
    token = _token(session, member)
    client = Client()
    assert client.get(reverse("meetings:link", args=[token])).status_code == 200
    # Nothing logged the client in: every other page and write sends it to the login page.
    for url in (
        reverse("meetings:my_work", args=["acme"]),
        reverse("meetings:my_updates", args=["acme"]),
        reverse("actions:detail", args=["acme", plan.pk, mine.pk]),
        reverse("plans:workspace", args=["acme"]),
        reverse("actions:detail", args=["acme", plan.pk, mine.pk]) + f"?token={token}",
    ):
        assert client.get(url).status_code == 302, url
    update_url = reverse("actions:update", args=["acme", plan.pk, mine.pk])
    posted = client.post(update_url, {"did": "x", "progress": 5, "colour": "green", "token": token})
    assert posted.status_code == 302 and not ActionUpdate.objects.exists()
    # On the link's own page, an action that is not the person's is not written either.
    data = {"only": f"a{theirs.pk}", **_post(f"a{theirs.pk}", did="x", progress=5, colour="green")}
    assert client.post(reverse("meetings:link", args=[token]), data).status_code == 422
    data = _post(f"a{theirs.pk}", did="x", progress=5, colour="green")
    assert client.post(reverse("meetings:link", args=[token]), data).status_code == 422
    assert not ActionUpdate.objects.exists()


def test_the_link_covers_only_its_own_plan_and_session(plan, member, workspace):
    session = make_session(plan, days_ahead=5)
    other_plan = Plan.objects.create(
        workspace=workspace,
        name="Other",
        period="2028",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    strategy = other_plan.strategies.create(title="Elsewhere", position=0, owner=member)
    make_session(other_plan, days_ahead=5)
    elsewhere = make_action(strategy, member, "Elsewhere action")
    html = Client().get(reverse("meetings:link", args=[_token(session, member)])).content
    assert b"Elsewhere action" not in html
    data = {
        "only": f"a{elsewhere.pk}",
        **_post(f"a{elsewhere.pk}", did="x", progress=5, colour="green"),
    }
    Client().post(reverse("meetings:link", args=[_token(session, member)]), data)
    assert not ActionUpdate.objects.exists()


def _refused(token):
    response = Client().get(reverse("meetings:link", args=[token]))
    return response.status_code == 404 and b"This link does not open" in response.content


def test_forged_links_are_refused(plan, member, owner):
    session = make_session(plan, days_ahead=5)
    make_action(plan.strategies.get(), member)
    token = _token(session, member)
    payload = signing.loads(token, salt=links.SALT)
    assert _refused(token[:-3] + ("abc" if not token.endswith("abc") else "xyz"))
    assert _refused(signing.dumps(payload))  # signed, but not for this purpose
    assert _refused(signing.dumps({**payload, "u": owner.pk}, salt=links.SALT))  # not stored
    assert _refused("nonsense")
    assert _refused("x" * 2000)
    assert not _refused(token)


def test_a_link_ends_when_the_session_starts(plan, member):
    session = make_session(plan, days_ahead=5)
    token = _token(session, member)
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    assert _refused(token)


def test_a_link_ends_when_its_person_leaves_the_workspace(plan, member):
    session = make_session(plan, days_ahead=5)
    token = _token(session, member)
    Membership.objects.filter(user=member).delete()
    assert _refused(token)


def test_the_person_revokes_their_links_and_the_history_records_it(login, plan, member):
    session = make_session(plan, days_ahead=5)
    make_action(plan.strategies.get(), member)
    token = _token(session, member)
    client = login(member)
    page = client.get(reverse("meetings:my_updates", args=["acme"])).content.decode()
    assert "Stop my e-mail link (1)" in page
    client.post(reverse("meetings:revoke_my_links", args=["acme"]))
    assert _refused(token)
    assert Change.objects.filter(kind__icontains="updatelink", field="revoked_at").exists()


def test_the_process_owner_revokes_the_links_of_a_round(login, plan, member, owner):
    session = make_session(plan, days_ahead=5)
    token = _token(session, member)
    url = reverse("meetings:revoke_links", args=["acme", plan.pk, session.pk])
    assert login(member).post(url).status_code == 403  # a member cannot
    assert not _refused(token)
    assert login(owner).post(url).status_code == 302
    assert _refused(token)


def test_a_logged_in_person_is_not_asked_for_the_link(login, plan, member):
    session = make_session(plan, days_ahead=5)
    response = login(member).get(reverse("meetings:link", args=[_token(session, member)]))
    assert response.status_code == 302
    assert response.url == reverse("meetings:my_updates", args=["acme"])


def test_guessing_links_is_rate_limited(plan, member, settings):
    settings.UPDATE_LINK_FAILURE_LIMIT = 3
    session = make_session(plan, days_ahead=5)
    token = _token(session, member)
    client = Client()
    for _ in range(3):
        assert client.get(reverse("meetings:link", args=["guess"])).status_code == 404
    assert client.get(reverse("meetings:link", args=["guess"])).status_code == 429
    assert client.get(reverse("meetings:link", args=[token])).status_code == 429


def test_opening_the_link_writes_nothing_and_saving_with_it_records_its_use(plan, member):
    session = make_session(plan, days_ahead=5)
    action = make_action(plan.strategies.get(), member, "Open a webshop")
    token = _token(session, member)
    url = reverse("meetings:link", args=[token])
    client = Client()
    assert client.get(url).status_code == 200
    link = UpdateLink.objects.get(user=member, session=session)
    assert link.last_used_at is None  # reading the page never writes
    data = {"only": f"a{action.pk}", **_post(f"a{action.pk}", did="Built", colour="green")}
    client.post(url, data, HTTP_HX_REQUEST="true")
    link.refresh_from_db()
    assert link.last_used_at is not None
