"""Inviting people to a workspace by e-mail, and accepting or withdrawing the invitation."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from koers.accounts.models import Invite, Membership, Role
from koers.accounts.services import create_invite

INVITE = reverse("accounts:invite", args=["acme"])


def invite_path() -> str:
    return re.search(r"http://\S+?(/invite/\S+/)", mail.outbox[-1].body).group(1)


@pytest.fixture
def invite(workspace, owner):
    return create_invite(workspace, "nina@example.com", Role.PROCESS_OWNER, by=owner)


@pytest.mark.parametrize("role", ["owner", "process_owner"])
def test_owners_invite_by_e_mail_with_a_link(login, users, role):
    response = login(users[role]).post(INVITE, {"email": "Nina@Example.com", "role": "member"})
    assert response["Location"] == reverse("accounts:members", args=["acme"])
    invite = Invite.objects.get()
    assert (invite.email, invite.role, invite.invited_by) == (
        "nina@example.com",
        "member",
        users[role],
    )
    assert mail.outbox[0].to == ["nina@example.com"]
    assert mail.outbox[0].subject == "You are invited to Acme Bakery on Koers"
    assert invite_path() == reverse("accounts:accept_invite", args=[invite.token])
    members_page = login(users[role]).get(reverse("accounts:members", args=["acme"]))
    assert "nina@example.com" in members_page.content.decode()


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_members_and_viewers_cannot_invite(login, users, role):
    response = login(users[role]).post(INVITE, {"email": "nina@example.com", "role": "member"})
    assert response.status_code == 403
    assert not Invite.objects.exists() and mail.outbox == []


def test_outsiders_do_not_learn_the_workspace_exists(login, outsider, workspace):
    response = login(outsider).post(INVITE, {"email": "nina@example.com", "role": "member"})
    assert response.status_code == 404
    assert not Invite.objects.exists()


def test_a_process_owner_cannot_invite_an_ogsm_owner(login, process_owner):
    response = login(process_owner).post(
        INVITE, {"email": "nina@example.com", "role": "ogsm_owner"}
    )
    assert response.status_code == 422
    assert "Select a valid choice." in response.content.decode()
    assert not Invite.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "htmx"])
def test_inviting_a_member_again_shows_an_error_and_sends_nothing(login, owner, member, headers):
    data = {"email": "MIA@example.com", "role": "viewer"}
    response = login(owner).post(INVITE, data, headers=headers)
    html = response.content.decode()
    assert response.status_code == 422
    assert "mia@example.com is already a member of this workspace." in html
    assert ("<html" in html) == (not headers)  # htmx gets only the fragment
    assert not Invite.objects.exists() and mail.outbox == []


def test_an_htmx_invite_returns_only_the_members_fragment(login, owner):
    client = login(owner)
    data = {"email": "nina@example.com", "role": "member"}
    html = client.post(INVITE, data, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html
    assert 'id="members"' in html and "nina@example.com" in html


def test_a_visitor_with_the_link_is_welcomed_and_offered_to_sign_up(client, invite):
    html = client.get(reverse("accounts:accept_invite", args=[invite.token])).content.decode()
    assert "Join Acme Bakery" in html
    assert f"{reverse('accounts:signup')}?invite={invite.token}" in html


def test_signing_up_from_the_link_joins_with_the_invited_role(client, invite):
    client.post(
        f"{reverse('accounts:signup')}?invite={invite.token}",
        {
            "username": "nina",
            "email": "nina@example.com",
            "password1": "crusty-sourdough-42",
            "password2": "crusty-sourdough-42",
        },
    )
    response = client.post(reverse("accounts:accept_invite", args=[invite.token]), follow=True)
    assert "You joined Acme Bakery." in response.content.decode()
    assert Membership.objects.get(user__username="nina").role == Role.PROCESS_OWNER


def test_accepting_gives_the_invited_role_and_the_link_works_only_once(login, invite, outsider):
    client = login(outsider)
    link = reverse("accounts:accept_invite", args=[invite.token])
    assert "Accept and join" in client.get(link).content.decode()
    response = client.post(link, {"confirm": "yes"})
    assert response["Location"] == reverse("plans:workspace", args=["acme"])
    assert Membership.objects.get(user=outsider, workspace__slug="acme").role == Role.PROCESS_OWNER
    invite.refresh_from_db()
    assert invite.accepted_by == outsider

    again = client.post(link, {"confirm": "yes"})
    assert again.status_code == 410
    assert "This invitation is no longer valid" in again.content.decode()


def test_a_newcomer_shows_up_at_once_in_the_owner_filter_of_cached_pages(
    login, owner, invite, outsider, plan
):
    action_list = reverse("actions:list", args=["acme", plan.pk])
    assert "Oscar" not in login(owner).get(action_list).content.decode()
    login(outsider).post(reverse("accounts:accept_invite", args=[invite.token]), {"confirm": "yes"})
    assert "Oscar" in login(owner).get(action_list).content.decode()


def test_an_expired_invite_is_refused(login, invite, outsider):
    link = reverse("accounts:accept_invite", args=[invite.token])
    later = invite.expires_at + timedelta(minutes=1)
    assert later - invite.created_at > timedelta(days=settings.INVITE_VALID_DAYS)
    with time_machine.travel(later):
        response = login(outsider).post(link, {"confirm": "yes"})
    assert response.status_code == 410
    assert not Membership.objects.filter(user=outsider, workspace__slug="acme").exists()


def test_a_withdrawn_invite_no_longer_works(login, owner, invite, outsider):
    login(owner).post(reverse("accounts:revoke_invite", args=["acme", invite.pk]))
    members_page = login(owner).get(reverse("accounts:members", args=["acme"])).content.decode()
    assert "nina@example.com" not in members_page
    response = login(outsider).post(
        reverse("accounts:accept_invite", args=[invite.token]), {"confirm": "yes"}
    )
    assert response.status_code == 410
    assert not Membership.objects.filter(user=outsider, workspace__slug="acme").exists()


def test_a_member_cannot_withdraw_an_invite(login, member, invite):
    response = login(member).post(reverse("accounts:revoke_invite", args=["acme", invite.pk]))
    assert response.status_code == 403
    invite.refresh_from_db()
    assert invite.is_open


def test_an_account_with_another_address_must_confirm_it_is_the_invited_person(
    login, invite, outsider
):
    client = login(outsider)
    link = reverse("accounts:accept_invite", args=[invite.token])
    page = client.get(link).content.decode()
    assert "This invitation was sent to <strong>nina@example.com</strong>" in page
    response = client.post(link)
    assert response.status_code == 422
    assert "Confirm that you are the invited person" in response.content.decode()
    assert not Membership.objects.filter(user=outsider, workspace__slug="acme").exists()
    invite.refresh_from_db()
    assert invite.is_open


def test_the_team_sees_who_joined_with_an_invite_sent_to_someone_else(
    login, owner, invite, outsider
):
    link = reverse("accounts:accept_invite", args=[invite.token])
    login(outsider).post(link, {"confirm": "yes"})
    page = login(owner).get(reverse("accounts:members", args=["acme"])).content.decode()
    assert "Oscar" in page and "joined via the invitation sent to nina@example.com" in page


def test_the_invited_address_joins_without_an_extra_question(login, invite):
    from conftest import make_user

    nina = make_user("nina")
    client = login(nina)
    link = reverse("accounts:accept_invite", args=[invite.token])
    assert "I am the person invited" not in client.get(link).content.decode()
    assert client.post(link)["Location"] == reverse("plans:workspace", args=["acme"])
    page = client.get(reverse("accounts:members", args=["acme"])).content.decode()
    assert "joined via the invitation" not in page
