"""Resetting a forgotten password by e-mail."""

import re

from django.core import mail
from django.urls import reverse

from koers.accounts.models import User


def test_a_reset_link_arrives_and_sets_a_new_password(client, member):
    member.set_password("the-old-forgotten-password")
    member.save()
    client.post(reverse("accounts:password_reset"), {"email": "mia@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-password", "new_password2": "a-brand-new-password"},
    )
    assert User.objects.get(pk=member.pk).check_password("a-brand-new-password")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert not mail.outbox
