"""The download buttons and the page that creates a workspace from a file."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.accounts.models import Membership, Role, Workspace
from koers.plans.models import Plan


def _download(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return json.loads(b"".join(response.streaming_content))


def test_the_owner_downloads_the_workspace_and_a_plan(login, owner, plan, workspace):
    client = login(owner)
    page = client.get(reverse("plans:workspace", args=[workspace.slug])).content.decode()
    assert reverse("reports:workspace_json", args=[workspace.slug]) in page
    document = _download(client, reverse("reports:workspace_json", args=[workspace.slug]))
    assert document["workspace"]["name"] == "Acme Bakery"
    assert [p["name"] for p in document["tables"]["plans.plan"]] == ["Acme 2027"]
    one = _download(client, reverse("reports:plan_json", args=[workspace.slug, plan.pk]))
    assert one["scope"] == "plan"


def test_a_member_sees_no_export_button(login, member, plan, workspace):
    page = login(member).get(reverse("plans:workspace", args=[workspace.slug])).content.decode()
    assert reverse("reports:workspace_json", args=[workspace.slug]) not in page


def _upload(client, content: bytes, language="en"):
    return client.post(
        reverse("reports:workspace_import"),
        {"file": SimpleUploadedFile("acme.koers.json", content, "application/json")},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_uploading_an_export_creates_a_workspace_owned_by_the_uploader(
    login, owner, plan, workspace, outsider
):
    data = b"".join(
        login(owner).get(reverse("reports:workspace_json", args=[workspace.slug])).streaming_content
    )
    before = set(Workspace.objects.values_list("pk", flat=True))
    response = _upload(login(outsider), data)
    copy = Workspace.objects.exclude(pk__in=before).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:workspace", args=[copy.slug])
    assert Membership.objects.get(workspace=copy, user=outsider).role == Role.OGSM_OWNER
    assert Plan.objects.get(workspace=copy).name == "Acme 2027"


def test_a_bad_file_shows_why_on_the_page_in_dutch_and_imports_nothing(login, outsider):
    workspaces = Workspace.objects.count()
    response = _upload(login(outsider), b"{not json", language="nl")
    assert response.status_code == 422
    assert "Er is niets geïmporteerd" in response.content.decode()
    assert Workspace.objects.count() == workspaces


def test_a_file_over_the_limit_is_refused(login, outsider, settings):
    settings.WORKSPACE_IMPORT_MAX_MB = 1
    response = _upload(login(outsider), b"{" + b" " * 2**20 + b"}")
    assert response.status_code == 422
    assert "larger than 1 MB" in response.content.decode()
