"""The workspace settings page: its OGSM owner renames the workspace and moves it to another
time zone, through the rules (koers.accounts.services.change_settings), versioned, in the
change log, emptying the cached pages; bad input is a message on the page, never a write."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from conftest import make_user
from koers.accounts.models import Role, Workspace
from koers.accounts.services import change_settings, create_invite
from koers.accounts.tests.test_invite_expiry import change_in_admin, members_page, promised_day
from koers.lib.versioning import STALE_MESSAGE
from tests.forms import page_forms
from tests.pages import assert_fresh, html
from tests.test_permission_matrix import MATRIX, POSTS, accepted_methods, url_views

URL = reverse("accounts:workspace_settings", args=["acme"])
SENT = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)  # 1 March, 13:30 in Amsterdam


def settings_form(client) -> dict:
    """The page's form as a browser would post it: the stored values and their version."""
    (form,) = [f for f in page_forms(html(client, URL)) if "version" in f["data"]]
    return form["data"]


def stored(workspace) -> tuple:
    workspace.refresh_from_db()
    return workspace.name, workspace.time_zone, workspace.version, workspace.revision


def test_the_owner_renames_the_workspace_and_every_page_shows_the_new_name(login, workspace, owner):
    client = login(owner)
    plans_url = reverse("plans:workspace", args=["acme"])
    assert "Acme Bakery" in html(client, plans_url)  # cached now, under the old revision
    data = settings_form(client) | {"name": "  Acme\n Bread   Company "}
    response = client.post(URL, data, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Workspace settings saved." in page
    assert 'value="Acme Bread Company"' in page  # one line, as the top bar shows it
    served = html(client, plans_url)
    assert "Acme Bread Company" in served and "Acme Bakery" not in served
    assert_fresh(client, plans_url, served, "the workspace was renamed")


def test_the_rename_and_the_zone_change_show_in_the_change_log(login, workspace, owner):
    client = login(owner)
    data = settings_form(client) | {"name": "Acme Bread", "time_zone": "Pacific/Auckland"}
    assert client.post(URL, data).status_code == 302
    log = html(client, reverse("history:log", args=["acme"]))
    assert "Acme Bakery</del> → <ins>Acme Bread" in log
    assert "Europe/Amsterdam</del> → <ins>Pacific/Auckland" in log
    assert "Olivia" in log  # who did it
    # The page's own link to the workspace's history.
    history_url = reverse("history:object", args=["acme", "accounts.workspace", workspace.pk])
    assert f'href="{history_url}"' in html(client, URL)
    assert "Acme Bakery</del> → <ins>Acme Bread" in html(client, history_url)


def test_moving_to_another_zone_keeps_an_invitations_last_day(login, workspace, owner):
    with time_machine.travel(SENT, tick=False) as clock:
        invite = create_invite(workspace, "anna@example.com", Role.MEMBER, by=owner)
        day = promised_day(invite, "Europe/Amsterdam")
        promised = f"valid through {day.day} Mar 2026"
        client = login(owner)
        data = settings_form(client) | {"time_zone": "America/Los_Angeles"}
        response = client.post(URL, data, follow=True)
        assert "1 open invitation still lapses at the end of its last day" in (
            response.content.decode()
        )
        invite.refresh_from_db()
        day_ends = datetime.combine(
            day + timedelta(days=1), time.min, ZoneInfo("America/Los_Angeles")
        )
        assert invite.expires_at == day_ends
        clock.move_to(day_ends - timedelta(minutes=1))
        assert promised in members_page(login(owner))  # open all through that day there
        clock.move_to(day_ends)
        assert "anna@example.com" not in members_page(login(owner))


def test_a_form_opened_before_a_colleagues_save_is_refused_with_the_message(
    login, workspace, owner
):
    client = login(owner)
    opened = settings_form(client)
    change_settings(
        Workspace.objects.get(pk=workspace.pk),
        name="Acme Patisserie",
        time_zone="Europe/Amsterdam",
        expected_version=int(opened["version"]),
    )
    before = stored(workspace)
    response = client.post(URL, opened | {"name": "Acme Bread"})
    page = response.content.decode()
    assert response.status_code == 422
    assert str(STALE_MESSAGE) in page
    assert "Saved meanwhile" in page and "Acme Patisserie" in page  # their version
    assert 'value="Acme Bread"' in page  # my input, kept
    assert stored(workspace) == before
    # Saving again, from the page as it came back, overwrites theirs knowingly.
    again = [f for f in page_forms(page) if "version" in f["data"]][0]["data"]
    assert client.post(URL, again).status_code == 302
    assert stored(workspace)[0] == "Acme Bread"


def test_an_admin_change_makes_an_open_form_stale(login, client, workspace, owner):
    opened = settings_form(login(owner))
    workspace.name = "Renamed in the admin"  # what the admin's form posts
    login(make_user("root", is_staff=True, is_superuser=True))
    change_in_admin(client, workspace, "Europe/Amsterdam")
    response = login(owner).post(URL, opened | {"name": "Acme Bread"})
    assert response.status_code == 422 and str(STALE_MESSAGE) in response.content.decode()
    assert stored(workspace)[0] == "Renamed in the admin"


BAD_INPUT = [
    ({"name": ""}, "This field is required."),
    ({"name": "   "}, "This field is required."),
    ({"name": "x" * 121}, "Ensure this value has at most 120 characters (it has 121)."),
    ({"name": "Acme\x00Bakery"}, "Null characters are not allowed."),
    ({"name": "Acme\x07Bakery"}, "A workspace name cannot contain control characters."),
    (
        {"time_zone": "Mars/Olympus"},
        "Select a valid choice. Mars/Olympus is not one of the available choices.",
    ),
    ({"time_zone": ""}, "This field is required."),
    ({"time_zone": "../../etc/passwd"}, "Select a valid choice."),
]


@pytest.mark.parametrize(("bad", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    bad, message, login, workspace, owner
):
    client = login(owner)
    data = settings_form(client) | {"time_zone": "Pacific/Auckland"} | bad
    before = stored(workspace)
    response = client.post(URL, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert stored(workspace) == before


def test_the_refusal_is_in_the_readers_language(login, workspace, owner):
    owner.language = "nl"
    owner.save()
    client = login(owner)
    response = client.post(URL, settings_form(client) | {"name": "Acme\x07Bakery"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Een werkruimtenaam mag geen stuurtekens bevatten." in page
    assert "Werkruimte-instellingen" in page


def test_markup_in_a_name_is_kept_as_text(login, workspace, owner):
    client = login(owner)
    name = "<script>alert(1)</script> & \u202eevil"
    assert client.post(URL, settings_form(client) | {"name": name}).status_code == 302
    assert stored(workspace)[0] == name
    page = html(client, URL)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_only_who_may_manage_the_workspace_is_offered_the_page(login, users, workspace):
    link = f'href="{URL}"'
    assert link in members_page(login(users["owner"]))
    for role in ("process_owner", "member", "viewer"):
        assert link not in members_page(login(users[role])), role


def test_the_permission_matrix_tries_both_methods_of_the_page():
    """Every role and a member of another workspace, on GET and on POST
    (tests/test_permission_matrix.py reads these rows)."""
    view = dict(url_views())["accounts:workspace_settings"]
    assert accepted_methods(view) == {"GET", "POST"}
    assert MATRIX["accounts:workspace_settings"][3] == (302, 404, 403, 403, 403, 200)
    assert POSTS["accounts:workspace_settings"][1] == (302, 404, 403, 403, 403, 200)
