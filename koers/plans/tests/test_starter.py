"""Start from a template: an empty plan gets a skeleton OGSM in the editor's language."""

import json
from datetime import date

import pytest
from django.urls import reverse

from koers.actions.models import Action
from koers.plans.models import Goal, Measure, Plan, Strategy
from koers.plans.starter import STARTERS


@pytest.fixture
def empty_plan(workspace):
    return Plan.objects.create(
        workspace=workspace,
        name="New",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )


def _start(client, plan):
    url = reverse("plans:start_template", args=[plan.workspace.slug, plan.pk])
    return client.post(url, follow=True)


def test_an_empty_plan_offers_the_template_and_fills_in_english(login, empty_plan, owner):
    client = login(owner)
    page = reverse("plans:detail", args=[empty_plan.workspace.slug, empty_plan.pk])
    assert "Start from a template" in client.get(page).content.decode()
    html = _start(client, empty_plan).content.decode()
    data = json.loads((STARTERS / "en.json").read_text())
    empty_plan.refresh_from_db()
    assert empty_plan.objective == data["objective"]
    assert Goal.objects.filter(plan=empty_plan).count() == len(data["goals"])
    assert all(goal.target_value is not None for goal in Goal.objects.filter(plan=empty_plan))
    assert Strategy.objects.filter(plan=empty_plan, owner=owner).count() == 3
    assert Measure.objects.filter(strategy__plan=empty_plan).count() == 6
    actions = Action.objects.filter(strategy__plan=empty_plan)
    assert actions.count() == 6 and not actions.filter(proposed=True).exists()
    assert "Win new customers online" in html and "Renew the website" not in html
    assert "Start from a template" not in html  # no longer empty


def test_the_template_follows_the_editors_language(login, empty_plan, owner):
    owner.language = "nl"
    owner.save()
    html = _start(login(owner), empty_plan).content.decode()
    assert "Online nieuwe klanten winnen" in html
    assert Action.objects.filter(title="De website vernieuwen").exists()


def test_a_plan_with_content_is_never_overwritten(login, plan, owner):
    html = _start(login(owner), plan).content.decode()
    assert "already has content" in html
    assert Goal.objects.filter(plan=plan).count() == 1
    plan.refresh_from_db()
    assert plan.objective == "Be the best bakery in town."


def test_a_member_cannot_fill_the_plan(login, empty_plan, member):
    url = reverse("plans:start_template", args=[empty_plan.workspace.slug, empty_plan.pk])
    assert login(member).post(url).status_code == 403
    assert not Goal.objects.filter(plan=empty_plan).exists()


def test_every_language_file_has_the_same_shape():
    shapes = []
    for path in sorted(STARTERS.glob("*.json")):
        data = json.loads(path.read_text())
        shapes.append(
            (
                len(data["goals"]),
                [(len(s["measures"]), len(s["actions"])) for s in data["strategies"]],
            )
        )
    assert len(shapes) >= 2 and len(set(map(str, shapes))) == 1
