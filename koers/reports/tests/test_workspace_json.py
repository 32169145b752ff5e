"""Workspace JSON: export, import into a new workspace, and the published schema."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from koers.accounts.models import Membership, Role, User
from koers.actions.models import Action, ActionUpdate
from koers.analysis.models import SwotItem
from koers.dashboard import fed
from koers.dashboard.models import Kpi, KpiSource, Measurement
from koers.demo.services import load_demo, organisation_plan
from koers.plans.models import Plan, PlanLink, PlanRole
from koers.reports.workspace_format import schema, table_by_name
from koers.reports.workspace_import import WorkspaceImportError, import_workspace, read_document
from koers.reports.workspace_json import export_text

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "workspace-format-v1.schema.json"


@pytest.fixture
def demo(db):
    return load_demo()


def _owner(workspace):
    return Membership.objects.filter(workspace=workspace, role=Role.OGSM_OWNER).first().user


def test_export_import_export_gives_the_same_document(demo):
    first = export_text(demo)
    document = read_document(first.encode())
    copy = import_workspace(document, _owner(demo))

    assert copy.pk != demo.pk and copy.slug != demo.slug
    assert export_text(copy) == first
    # Every kind of content came along, not just the plan.
    for name in (
        "actions.actionupdate",
        "dashboard.measurement",
        "meetings.decision",
        "analysis.swotitem",
        "analysis.trend",
        "accounts.membership",
    ):
        assert document["tables"][name], name


def test_the_copy_is_a_working_workspace_with_new_rows(demo):
    owner = _owner(demo)
    copy = import_workspace(read_document(export_text(demo).encode()), owner)
    original_actions = Action.objects.filter(strategy__plan__workspace=demo)
    copied_actions = Action.objects.filter(strategy__plan__workspace=copy)
    assert copied_actions.count() == original_actions.count() > 0
    assert not set(copied_actions.values_list("pk", flat=True)) & set(
        original_actions.values_list("pk", flat=True)
    )
    assert ActionUpdate.objects.filter(action__strategy__plan__workspace=copy).count() == (
        ActionUpdate.objects.filter(action__strategy__plan__workspace=demo).count()
    )
    # Histories keep their dates.
    first_old = ActionUpdate.objects.filter(action__strategy__plan__workspace=demo).earliest("pk")
    first_new = ActionUpdate.objects.filter(action__strategy__plan__workspace=copy).earliest("pk")
    assert first_new.created_at == first_old.created_at and first_new.did == first_old.did
    assert Membership.objects.get(workspace=copy, user=owner).role == Role.OGSM_OWNER


def test_members_come_without_passwords_and_get_accounts_elsewhere(demo):
    text = export_text(demo)
    assert "password" not in text
    document = json.loads(text)
    for entry in document["users"]:  # as if another Koers, where nobody has an account
        entry["email"] = entry["email"].replace("@", "+elsewhere@")
    stranger = User.objects.create_user("importer", "importer@example.com")
    copy = import_workspace(read_document(json.dumps(document).encode()), stranger)

    member = Membership.objects.filter(workspace=copy).exclude(user=stranger).first()
    assert "+elsewhere@" in member.user.email
    assert not member.user.has_usable_password()
    assert Membership.objects.get(workspace=copy, user=stranger).role == Role.OGSM_OWNER


def test_one_plan_exports_alone(demo):
    plan = Plan.objects.filter(workspace=demo).first()
    document = json.loads(export_text(demo, plan))
    assert document["scope"] == "plan"
    assert len(document["tables"]["plans.plan"]) == 1
    assert "analysis.trend" not in document["tables"]
    copy = import_workspace(read_document(json.dumps(document).encode()), _owner(demo))
    assert Plan.objects.get(workspace=copy).name == plan.name


def _broken(demo, change):
    document = json.loads(export_text(demo))
    change(document)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format_version=7), "format version 7"),
        (lambda d: d["tables"]["plans.plan"][0].update(name=5), "plans.plan/0/name"),
        (lambda d: d["tables"]["plans.plan"][0].update(start_date="2027-13-01"), "start_date"),
        (lambda d: d["tables"]["actions.action"][0].update(strategy=99999), "no row 99999"),
        (
            lambda d: d["tables"]["analysis.trend"][0].update(source_url="javascript:alert(1)"),
            "source_url",
        ),
        (lambda d: d["tables"]["actions.action"][0].update(sneaky=1), "sneaky"),
    ],
)
def test_a_broken_file_is_refused_with_where_and_why_and_changes_nothing(demo, change, message):
    data = _broken(demo, change)
    plans = Plan.objects.count()
    with pytest.raises(WorkspaceImportError) as refused:
        import_workspace(read_document(data), _owner(demo))
    assert message in " ".join(refused.value.messages)
    assert Plan.objects.count() == plans


def test_a_file_from_an_earlier_koers_without_the_columns_added_since_still_imports(demo):
    """Columns added later (with a default, as their migration gave existing rows) may be
    missing: this stop's SWOT link to a strategy awaited in a draft, an action's handover."""
    document = json.loads(export_text(demo))
    for row in document["tables"]["analysis.swotitem"]:
        del row["pending_draft"], row["pending_key"]
    for row in document["tables"]["actions.action"]:
        del row["handover_owner"]
    copy = import_workspace(read_document(json.dumps(document).encode()), _owner(demo))
    assert SwotItem.objects.filter(workspace=copy).count() == len(
        document["tables"]["analysis.swotitem"]
    )
    assert not SwotItem.objects.filter(workspace=copy).exclude(pending_key="").exists()


def test_a_column_without_a_default_cannot_be_left_out(demo):
    def no_title(document):
        del document["tables"]["actions.action"][0]["title"]

    with pytest.raises(WorkspaceImportError) as refused:
        import_workspace(read_document(_broken(demo, no_title)), _owner(demo))
    assert "title" in " ".join(refused.value.messages)


def test_a_rule_broken_in_the_database_writes_nothing(demo):
    def two_kpis_for_one_goal(document):
        kpis = [k for k in document["tables"]["dashboard.kpi"] if k["goal"]]
        kpis[1]["goal"] = kpis[0]["goal"]

    data = _broken(demo, two_kpis_for_one_goal)
    counts = (Plan.objects.count(), Measurement.objects.count(), User.objects.count())
    with pytest.raises(WorkspaceImportError, match="nothing was imported"):
        import_workspace(read_document(data), _owner(demo))
    assert (Plan.objects.count(), Measurement.objects.count(), User.objects.count()) == counts


def test_files_too_large_or_not_json_are_refused_before_parsing(db, settings):
    settings.WORKSPACE_IMPORT_MAX_MB = 1
    with pytest.raises(WorkspaceImportError, match="larger than 1 MB"):
        read_document(b" " * (2**20 + 1))
    with pytest.raises(WorkspaceImportError, match="not JSON"):
        read_document(b"\xff\xfe{")
    with pytest.raises(WorkspaceImportError, match="not JSON"):
        read_document(b"[" * 100_000)
    with pytest.raises(WorkspaceImportError, match="not a Koers workspace"):
        read_document(b'{"format": "something else"}')


def test_the_published_schema_is_the_one_koers_checks_against():
    assert json.loads(SCHEMA_FILE.read_text()) == schema()


def test_every_table_is_described():
    assert "plans.plan" in table_by_name() and "accounts.invite" not in table_by_name()


def test_an_export_carries_no_api_token_or_webhook_secret(demo):
    from koers.api.tokens import create_token
    from koers.webhooks.models import Endpoint

    owner = _owner(demo)
    token, secret = create_token(owner, demo, "BI", "read", 30)
    endpoint = Endpoint.objects.create(
        workspace=demo, url="https://chat.example/hook", format="slack", secret="s3cr3t-signing-key"
    )

    text = export_text(demo)

    assert token.secret_hash not in text and secret not in text
    assert endpoint.secret not in text and "chat.example" not in text


def test_a_moved_workspace_compares_its_plan_versions_as_the_original_does(demo):
    from koers.plans.compare import compare
    from koers.plans.models import PlanVersion
    from koers.plans.versions import snapshot

    copy = import_workspace(read_document(export_text(demo).encode()), _owner(demo))

    def changes_since_version_1(workspace):
        plan = Plan.objects.filter(workspace=workspace).order_by("pk").first()
        first = PlanVersion.objects.get(plan=plan, number=1)
        return [
            (c.kind, c.change, c.title, c.field, c.old, c.new)
            for c in compare(first.content, snapshot(plan))
        ]

    original = changes_since_version_1(demo)
    assert original  # the demo's plan changed between its versions
    assert changes_since_version_1(copy) == original


def test_cascade_roles_and_roll_up_survive_the_round_trip(demo):
    bakery = organisation_plan(demo)
    source = Kpi.objects.get(plan__name="Webwinkel 2027", plan__workspace=demo, goal__isnull=False)
    parent = Kpi.objects.filter(plan=bakery, goal__isnull=False).first()
    Kpi.objects.filter(pk=parent.pk).update(
        unit=source.unit, direction=source.direction, frequency=source.frequency
    )
    parent.refresh_from_db()
    fed.set_roll_up(parent, "sum", [source.pk], parent.version)
    first = export_text(demo)
    document = read_document(first.encode())
    for name in ("plans.planrole", "plans.planlink", "dashboard.kpisource"):
        assert document["tables"][name], name
    copy = import_workspace(document, _owner(demo))
    assert export_text(copy) == first
    copied = Kpi.objects.get(plan__workspace=copy, goal__title=parent.goal.title)
    assert copied.roll_up == "sum"
    assert [s.source.plan.name for s in KpiSource.objects.filter(kpi=copied)] == ["Webwinkel 2027"]
    assert KpiSource.objects.get(kpi=copied).source.plan.workspace == copy
    links = PlanLink.objects.filter(child__workspace=copy)
    assert links.count() == PlanLink.objects.filter(child__workspace=demo).count() == 2
    assert all(link.parent_item.plan.workspace_id == copy.pk for link in links)
    assert PlanRole.objects.filter(plan__workspace=copy).count() == (
        PlanRole.objects.filter(plan__workspace=demo).count()
    )
