"""Invitations that work anywhere: resend instead of a second invite, a link to copy, and links
on the address Koers is served on when SITE_URL is not set."""

import re

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from koers.accounts.models import Invite, Role
from koers.accounts.services import create_invite

INVITE = reverse("accounts:invite", args=["acme"])
MEMBERS = reverse("accounts:members", args=["acme"])


def test_inviting_the_same_address_again_resends_the_open_invitation(login, owner):
    client = login(owner)
    client.post(INVITE, {"email": "nina@example.com", "role": "member"})
    first = Invite.objects.get()
    response = client.post(
        INVITE, {"email": "Nina@example.com", "role": "process_owner"}, follow=True
    )
    again = Invite.objects.get()  # still one invitation
    assert again.token == first.token and again.role == Role.PROCESS_OWNER
    assert again.expires_at >= first.expires_at
    assert len(mail.outbox) == 2 and first.token in mail.outbox[1].body
    assert "was already invited: the invitation is sent again" in response.content.decode()


def test_the_members_page_offers_resend_and_the_link_to_copy(login, owner, workspace):
    invite = create_invite(workspace, "nina@example.com", Role.MEMBER, by=owner)
    html = login(owner).get(MEMBERS).content.decode()
    link = reverse("accounts:accept_invite", args=[invite.token])
    assert "Copy invite link" in html and "Resend" in html
    assert re.search(rf'readonly value="http://[^"]+{re.escape(link)}"', html)


def test_members_without_the_right_to_invite_never_see_an_invite_link(login, member, owner):
    invite = create_invite(owner.memberships.get().workspace, "n@example.com", "member", by=owner)
    html = login(member).get(MEMBERS).content.decode()
    assert invite.token not in html and "Copy invite link" not in html


# Safe: Django only answers hosts in ALLOWED_HOSTS, so a forged Host header gets no link.
@override_settings(
    SITE_URL_SET=False, SITE_URL="http://127.0.0.1:8000", ALLOWED_HOSTS=["koers.example.org"]
)
def test_without_site_url_links_use_the_address_of_the_request(login, owner):
    login(owner).post(
        INVITE, {"email": "nina@example.com", "role": "member"}, HTTP_HOST="koers.example.org"
    )
    assert "http://koers.example.org/invite/" in mail.outbox[0].body


@override_settings(SITE_URL_SET=True, SITE_URL="https://plan.example.com")
def test_a_configured_site_url_wins(login, owner):
    login(owner).post(
        INVITE, {"email": "nina@example.com", "role": "member"}, HTTP_HOST="testserver"
    )
    assert "https://plan.example.com/invite/" in mail.outbox[0].body


def test_an_accepted_invitation_leaves_the_open_list(client, login, owner, workspace, outsider):
    invite = create_invite(workspace, outsider.email, Role.MEMBER, by=owner)
    assert invite.email in login(owner).get(MEMBERS).content.decode()
    login(outsider).post(reverse("accounts:accept_invite", args=[invite.token]))
    html = login(owner).get(MEMBERS).content.decode()
    assert "Open invitations" not in html and invite.token not in html
    assert outsider.display_name in html  # now in the team table
