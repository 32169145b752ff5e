"""Creating an account."""

from django.urls import reverse

from koers.accounts.models import User

SIGNUP = reverse("accounts:signup")


def signup_data(**changes):
    data = {
        "username": "sam",
        "email": "Sam@Example.com",
        "first_name": "Sam",
        "last_name": "Baker",
        "password1": "crusty-sourdough-42",
        "password2": "crusty-sourdough-42",
    }
    return {**data, **changes}


def test_signing_up_creates_the_account_logs_in_and_asks_for_a_workspace(client, db):
    response = client.post(SIGNUP, signup_data(), follow=True)
    user = User.objects.get(username="sam")
    assert user.email == "sam@example.com" and user.check_password("crusty-sourdough-42")
    assert response.context["user"] == user
    assert response.redirect_chain[-1][0] == reverse("accounts:workspace_new")
    assert "Create a workspace for your team to start." in response.content.decode()


def test_an_e_mail_address_already_in_use_is_refused_whatever_its_case(client, owner):
    response = client.post(SIGNUP, signup_data(email="OLIVIA@Example.com"))
    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in response.content.decode()
    assert not User.objects.filter(username="sam").exists()
    assert not response.wsgi_request.user.is_authenticated


def test_a_common_password_is_refused(client, db):
    data = signup_data(password1="password123", password2="password123")
    response = client.post(SIGNUP, data)
    assert "This password is too common." in response.content.decode()
    assert not User.objects.exists()


def test_a_long_pasted_password_is_accepted(client, db):
    password = "x7-Kq" * 40
    client.post(SIGNUP, signup_data(password1=password, password2=password))
    assert User.objects.get(username="sam").check_password(password)
