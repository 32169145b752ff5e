"""Workspaces, invitations that work once, and roles."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.urls import reverse

from koers.accounts.models import Invite, Membership, Role, Workspace


def invite(client, email="new@example.com", role="member", **extra):
    return client.post(
        reverse("accounts:invite", args=["acme"]), {"email": email, "role": role}, **extra
    )


def test_creating_a_workspace_makes_you_its_ogsm_owner(login, member):
    login(member).post(reverse("accounts:workspace_new"), {"name": "Bakkerij Zuid"})
    workspace = Workspace.objects.get(name="Bakkerij Zuid")
    assert workspace.slug == "bakkerij-zuid"
    assert Membership.objects.get(workspace=workspace, user=member).role == Role.OGSM_OWNER


def test_an_invitation_is_mailed_with_a_link_that_works_once(login, owner, outsider):
    invite(login(owner), email="oscar@example.com", role="viewer")
    link = reverse("accounts:accept_invite", args=[Invite.objects.get().token])
    assert link in mail.outbox[0].body
    client = login(outsider)
    assert "Accept and join" in client.get(link).content.decode()
    client.post(link)
    assert Membership.objects.get(user=outsider, workspace__slug="acme").role == Role.VIEWER
    assert client.get(link).status_code == 410


def test_an_expired_invitation_is_refused(login, owner, outsider):
    invite(login(owner))
    link = reverse("accounts:accept_invite", args=[Invite.objects.get().token])
    with time_machine.travel(timedelta(days=15)):
        response = login(outsider).post(link)
    assert response.status_code == 410
    assert not Membership.objects.filter(user=outsider, workspace__slug="acme").exists()


def test_an_anonymous_visitor_is_asked_to_sign_up_or_log_in(client, owner, login):
    invite(login(owner))
    client.logout()
    html = client.get(
        reverse("accounts:accept_invite", args=[Invite.objects.get().token])
    ).content.decode()
    assert "Create an account" in html and "Log in" in html


def test_inviting_an_existing_member_shows_an_error_and_sends_nothing(login, owner, member):
    response = invite(login(owner), email="MIA@example.com", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 422 and "<html" not in html
    assert "already a member" in html and not mail.outbox


def test_a_withdrawn_invitation_no_longer_works(login, owner, outsider):
    client = login(owner)
    invite(client)
    pending = Invite.objects.get()
    client.post(reverse("accounts:revoke_invite", args=["acme", pending.pk]))
    assert (
        login(outsider).get(reverse("accounts:accept_invite", args=[pending.token])).status_code
        == 410
    )


def test_the_owner_changes_roles_but_the_last_owner_stays(login, owner, member):
    client = login(owner)
    mia = Membership.objects.get(user=member)
    client.post(reverse("accounts:change_role", args=["acme", mia.pk]), {"role": "process_owner"})
    mia.refresh_from_db()
    assert mia.role == Role.PROCESS_OWNER
    olivia = Membership.objects.get(user=owner)
    response = client.post(
        reverse("accounts:change_role", args=["acme", olivia.pk]), {"role": "viewer"}, follow=True
    )
    assert "A workspace needs at least one OGSM owner." in response.content.decode()
    olivia.refresh_from_db()
    assert olivia.role == Role.OGSM_OWNER


def test_a_removed_member_loses_access(login, owner, member, plan):
    login(owner).post(
        reverse("accounts:remove_member", args=["acme", Membership.objects.get(user=member).pk])
    )
    assert login(member).get(reverse("plans:workspace", args=["acme"])).status_code == 404
