"""Roles are explained where they are chosen (invite form, members page), in both languages."""

from django.urls import reverse
from django.utils import translation

from koers.accounts.models import ROLE_EXPLAINED, Role

MEMBERS = reverse("accounts:members", args=["acme"])


def test_the_invite_form_explains_every_role_beside_it(login, owner):
    html = login(owner).get(MEMBERS).content.decode()
    form_and_after = html.split('name="role"', 1)[1]
    for role in Role:
        assert str(ROLE_EXPLAINED[role]) in form_and_after
    assert "Reads everything and changes nothing." in html


def test_members_who_cannot_invite_also_read_what_each_role_may_do(login, viewer):
    html = login(viewer).get(MEMBERS).content.decode()
    assert "Send invitation" not in html
    assert "Reads everything and changes nothing." in html
    assert "Owns the plan" in html


def test_the_roles_are_explained_in_dutch(login, owner):
    owner.language = "nl"
    owner.save(update_fields=["language"])
    html = login(owner).get(MEMBERS).content.decode()
    with translation.override("nl"):
        for role in Role:
            dutch = str(ROLE_EXPLAINED[role])
            assert dutch in html
    assert "Reads everything and changes nothing." not in html
