"""Dutch or English: the user's choice, remembered; else the browser's."""

from django.urls import reverse


def test_choosing_dutch_is_remembered_for_the_user(client, member):
    client.force_login(member)
    client.post(reverse("accounts:language"), {"language": "nl", "next": "/"})
    member.refresh_from_db()
    assert member.language == "nl"
    html = client.get(reverse("accounts:profile")).content.decode()
    assert '<html lang="nl">' in html and "Je profiel" in html


def test_the_browser_language_is_the_default(client, member):
    client.force_login(member)
    html = client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<html lang="nl">' in html


def test_anonymous_visitors_get_a_language_cookie(client, db):
    response = client.post(reverse("accounts:language"), {"language": "nl", "next": "/"})
    assert response.cookies["django_language"].value == "nl"
    assert "Inloggen" in client.get(reverse("accounts:login")).content.decode()


def test_an_outside_next_address_is_not_followed(client, db):
    response = client.post(
        reverse("accounts:language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
