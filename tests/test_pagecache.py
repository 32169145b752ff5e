"""The one cache contract (koers.lib.pagecache): what a copy is kept under, seen from outside."""

from django.urls import reverse

from koers.accounts.models import Membership, Role
from koers.reports import pdf
from tests.pages import html


def test_a_pdf_is_made_once_for_everyone_who_may_read_it(monkeypatch, login, plan, owner, viewer):
    made = []
    monkeypatch.setattr(pdf, "render_pdf", lambda *args, **kw: made.append(args) or b"%PDF-1.7")
    address = reverse("plans:pdf", args=["acme", plan.pk])
    for person in (owner, viewer, owner):
        assert login(person).get(address).content == b"%PDF-1.7"
    assert len(made) == 1
    login(viewer).get(address, HTTP_ACCEPT_LANGUAGE="nl")  # another language: its own copy
    assert len(made) == 2


def test_each_viewer_gets_their_own_page_and_a_new_role_shows_at_once(login, plan, owner, viewer):
    address = reverse("plans:detail", args=["acme", plan.pk])
    new_goal = reverse("plans:goal_new", args=["acme", plan.pk])
    assert new_goal in html(login(owner), address)
    assert new_goal not in html(login(viewer), address)
    membership = Membership.objects.get(user=viewer)
    membership.role = Role.OGSM_OWNER
    membership.save()
    assert new_goal in html(login(viewer), address)
