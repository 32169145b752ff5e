"""Creating a workspace."""

from django.urls import reverse

from koers.accounts.models import Membership, Role, Workspace

NEW = reverse("accounts:workspace_new")


def test_the_creator_of_a_workspace_becomes_its_ogsm_owner(login, member):
    response = login(member).post(NEW, {"name": "Bread & Butter"}, follow=True)
    workspace = Workspace.objects.get(name="Bread & Butter")
    assert workspace.slug == "bread-butter"
    assert Membership.objects.get(workspace=workspace, user=member).role == Role.OGSM_OWNER
    assert response.redirect_chain[-1][0] == reverse("plans:workspace", args=["bread-butter"])
    assert "You are its OGSM owner." in response.content.decode()


def test_a_name_already_taken_gets_a_numbered_short_name(login, workspace, member):
    client = login(member)
    client.post(NEW, {"name": "Acme"})
    client.post(NEW, {"name": "ACME!"})
    assert list(Workspace.objects.order_by("pk").values_list("slug", flat=True)) == [
        "acme",
        "acme-2",
        "acme-3",
    ]


def test_a_name_without_letters_still_gets_a_short_name(login, member):
    login(member).post(NEW, {"name": "★★★"})
    assert Workspace.objects.get(name="★★★").slug == "workspace"


def test_an_empty_name_is_refused(login, member):
    response = login(member).post(NEW, {"name": ""})
    assert "This field is required." in response.content.decode()
    assert not Workspace.objects.exclude(slug="acme").exists()


def test_visitors_must_log_in_first(client, db):
    response = client.get(NEW)
    assert response["Location"] == f"{reverse('accounts:login')}?next={NEW}"
