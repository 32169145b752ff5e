"""Every error page an htmx form may get back has a #main: base.html's htmx-config swaps that
part in place, so a refused form says why instead of looking unchanged (or emptying the page)."""

import pytest
from django.test import Client
from django.urls import reverse


def _main(response) -> str:
    html = response.content.decode()
    assert 'id="main"' in html
    return html.split('id="main"')[1]


def test_a_form_posted_without_its_token_says_to_reload(plan, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(
        reverse("plans:goal_new", args=["acme", plan.pk]), {"title": "x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 403
    assert "Please reload the page" in _main(response)


@pytest.mark.parametrize(
    "user, name, status, text",
    [
        ("member", "plans:goal_new", 403, "Your role does not allow this"),
        ("owner", "plans:goal_delete", 404, "This page does not exist"),
    ],
)
def test_refusals_of_the_permission_door_have_a_main_part(
    login, plan, request, user, name, status, text
):
    client = login(request.getfixturevalue(user))
    args = ["acme", plan.pk] if name.endswith("_new") else ["acme", plan.pk, 999999]
    response = client.post(reverse(name, args=args), {}, HTTP_HX_REQUEST="true")
    assert response.status_code == status
    assert text in _main(response)
