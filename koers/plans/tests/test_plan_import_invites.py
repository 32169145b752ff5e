"""Plan import: an owner who is not a member yet is invited when the import is written (all or
nothing) and owns their items from the moment they join."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from koers.accounts.models import Invite
from koers.accounts.services import accept_invite
from koers.actions.models import Action
from koers.plans.models import Plan, Strategy
from koers.plans.tests.test_plan_import import HEADER, upload, url


@pytest.fixture
def empty_plan(workspace):
    return Plan.objects.create(
        workspace=workspace,
        name="New",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )


SHEET = HEADER + (
    "strategy,Sell online,,,,,anna@example.com,\n"
    "action,Build the shop,,,,,Anna@example.com,Sell online\n"
)


def test_the_preview_shows_the_unknown_owner_as_invited_and_sends_nothing(login, empty_plan, owner):
    response = upload(login(owner), empty_plan, SHEET)
    html = response.content.decode()
    assert response.status_code == 200
    assert "anna@example.com (invited)" in html
    assert "Importing also invites anna@example.com to the workspace as a member" in html
    assert not Invite.objects.exists() and mail.outbox == []


def test_committing_invites_once_and_gives_the_items_a_pending_owner(login, empty_plan, owner):
    client = login(owner)
    upload(client, empty_plan, SHEET)
    response = client.post(url(empty_plan), {"confirm": "1"}, follow=True)
    invite = Invite.objects.get()
    assert invite.email == "anna@example.com" and len(mail.outbox) == 1
    strategy, action = Strategy.objects.get(), Action.objects.get()
    assert strategy.owner is None and strategy.pending_owner == invite
    assert action.owner is None and action.pending_owner == invite
    assert "Invited to join as owner: anna@example.com." in response.content.decode()


def test_when_they_join_they_own_what_the_import_gave_them(
    login, empty_plan, owner, django_user_model
):
    client = login(owner)
    upload(client, empty_plan, SHEET)
    client.post(url(empty_plan), {"confirm": "1"})
    anna = django_user_model.objects.create_user("anna", "anna@example.com", "x" * 12)
    accept_invite(Invite.objects.get().token, anna)
    assert Strategy.objects.get().owner == anna and Action.objects.get().owner == anna


def test_an_open_invitation_is_reused_without_a_second_mail(login, empty_plan, owner):
    client = login(owner)
    client.post(
        reverse("accounts:invite", args=["acme"]), {"email": "anna@example.com", "role": "member"}
    )
    upload(client, empty_plan, SHEET)
    client.post(url(empty_plan), {"confirm": "1"})
    assert Invite.objects.count() == 1 and len(mail.outbox) == 1
    assert Strategy.objects.get().pending_owner == Invite.objects.get()


def test_a_bad_row_elsewhere_invites_no_one(login, empty_plan, owner):
    client = login(owner)
    response = upload(client, empty_plan, SHEET + "wish,Something,,,,,,\n")
    assert response.status_code == 422
    client.post(url(empty_plan), {"confirm": "1"})
    assert not Invite.objects.exists() and mail.outbox == [] and not Strategy.objects.exists()
