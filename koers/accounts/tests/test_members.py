"""Managing the members of a workspace: changing roles and removing people."""

from django.urls import reverse

from koers.accounts.models import Membership, Role


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
