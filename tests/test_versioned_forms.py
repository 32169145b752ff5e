"""A versioned form posted without the version it was loaded at is a conflict, never a silent
overwrite (issue 13, finding 11). Every edit page with a versioned form is tried."""

import pytest
from django.urls import reverse

from koers.accounts.models import Workspace
from tests import test_permission_matrix as permission_matrix
from tests.forms import page_forms
from tests.test_permission_matrix import MATRIX

world = permission_matrix.world  # the matrix's objects, as a fixture of this module too

CONFLICT = "Someone else saved a change while you were editing."

# Every page that edits a saved row through a VersionedForm.
VERSIONED_EDITS = [
    "accounts:workspace_settings",
    "plans:edit",
    "plans:objective_edit",
    "plans:goal_edit",
    "plans:strategy_edit",
    "plans:measure_edit",
    "actions:edit",
    "actions:definition_of_done",
    "meetings:cadence",
    "meetings:edit",
    "analysis:canvas_item_edit",
    "analysis:swot_edit",
    "analysis:trend_edit",
    "analysis:scenario_edit",
    "dashboard:kpi",
    "dashboard:measurement",
    "dashboard:kpi_roll_up",
]


def _versioned_form(client, url):
    forms = [f for f in page_forms(client.get(url).content.decode()) if "version" in f["data"]]
    assert forms, f"no versioned form on {url}"
    form = forms[0]
    return form["action"] or url, form["data"]


def _revision():
    return Workspace.objects.get(slug="acme").revision


@pytest.mark.parametrize("name", VERSIONED_EDITS)
def test_saving_an_edit_without_its_version_shows_a_conflict_and_changes_nothing(
    name, world, owner, login
):
    client = login(owner)
    url = reverse(name, args=[world[key] for key in MATRIX[name][1]])
    # Saved once first, so rows that start as unsaved defaults (the definition of done) exist.
    action, data = _versioned_form(client, url)
    assert client.post(action, data).status_code in (200, 302), name
    action, data = _versioned_form(client, url)
    before = _revision()
    without = {k: v for k, v in data.items() if k != "version"}
    response = client.post(action, without)
    assert response.status_code == 422, name
    assert CONFLICT in response.content.decode()
    assert _revision() == before
    # The same form with its version saves: the conflict came from the missing version alone.
    assert client.post(action, data).status_code in (200, 302)
    assert _revision() > before


@pytest.mark.parametrize("version", ["abc", "-1", "99999999999999999999", "１"])
def test_a_mangled_version_is_a_conflict_too(version, world, owner, login):
    client = login(owner)
    url = reverse("plans:goal_edit", args=[world[key] for key in MATRIX["plans:goal_edit"][1]])
    action, data = _versioned_form(client, url)
    before = _revision()
    response = client.post(action, {**data, "version": version})
    assert response.status_code == 422 and CONFLICT in response.content.decode()
    assert _revision() == before


def _notification_version(user):
    from koers.meetings.models import NotificationSettings

    return NotificationSettings.objects.filter(user=user).values_list("version", flat=True).first()


# Versioned edits of a person's own rows, which belong to no workspace: the row's version, not
# the workspace's revision, shows whether it was written.
PERSONAL_EDITS = {"meetings:notifications": _notification_version}


@pytest.mark.parametrize("name", PERSONAL_EDITS)
def test_saving_a_personal_edit_without_its_version_shows_a_conflict_and_changes_nothing(
    name, world, member, login
):
    client = login(member)
    url = reverse(name, args=[world[key] for key in MATRIX[name][1]])
    action, data = _versioned_form(client, url)
    assert client.post(action, data).status_code in (200, 302), name
    action, data = _versioned_form(client, url)
    before = PERSONAL_EDITS[name](member)
    without = {k: v for k, v in data.items() if k != "version"}
    response = client.post(action, without)
    assert response.status_code == 422 and CONFLICT in response.content.decode()
    assert PERSONAL_EDITS[name](member) == before
    assert client.post(action, data).status_code in (200, 302)
    assert PERSONAL_EDITS[name](member) == before + 1
