"""The demo workspace that `make run` loads."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import Membership, Role, User
from koers.demo.services import DEMO_SLUG, load_demo, organisation_plan
from koers.plans.models import PlanLink


def test_the_demo_has_a_user_for_every_role_and_a_full_plan(db):
    workspace = load_demo()
    roles = set(Membership.objects.filter(workspace__slug=DEMO_SLUG).values_list("role", flat=True))
    assert roles == set(Role.values)
    plan = organisation_plan(workspace)
    assert plan.goals.count() == 4 and plan.strategies.count() == 4
    assert all(s.owner and s.measures.count() >= 2 for s in plan.strategies.all())


def test_loading_twice_keeps_the_existing_demo(db):
    plan = organisation_plan(load_demo())
    plan.objective = "Changed by the team"
    plan.save()
    assert organisation_plan(load_demo()).objective == "Changed by the team"


def test_the_command_prints_the_logins(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "anna" in out and "korenaar-demo-2027" in out and "Viewer" in out


def test_the_demo_plan_renders_in_both_languages(db, client):
    plan = organisation_plan(load_demo())
    anna = User.objects.get(username="anna")
    client.force_login(anna)
    url = reverse("plans:detail", args=[DEMO_SLUG, plan.pk])
    for language, heading in [("en", "Strategies"), ("nl", "Strategieën")]:
        client.post(reverse("accounts:language"), {"language": language})
        html = client.get(url).content.decode()
        assert f'<html lang="{language}">' in html and heading in html
        assert "Zakelijke markt" in html


def test_the_demo_plan_has_two_versions_and_a_readable_history(db, client):
    from koers.history.models import Change

    plan = organisation_plan(load_demo())
    assert plan.current_version == 2
    assert plan.versions.get(number=1).status == "superseded"
    assert plan.versions.get(number=2).reason.startswith("Stuursessie K1")
    changed = Change.objects.filter(workspace_id=plan.workspace_id, event="changed")
    assert changed.filter(field="target", old="40", new="45", actor_name="Anna de Vries").exists()
    client.force_login(User.objects.get(username="anna"))
    page = client.get(
        reverse("plans:version_compare", args=[DEMO_SLUG, plan.pk]), {"a": 1, "b": 2}
    ).content.decode()
    assert "Stuursessie K1" in page and "45" in page


def test_two_department_plans_serve_a_strategy_of_the_bakery_each(db, client):
    from koers.dashboard.portfolio import child_plans_of

    plan = organisation_plan(load_demo())
    served = {
        link.child.name: link.parent_strategy.title
        for link in PlanLink.objects.filter(child__workspace=plan.workspace)
    }
    assert served == {
        "Webwinkel 2027": "Online bestellen en afhalen",
        "Productie 2027": "Slimmer bakken op voorspelde vraag",
    }
    children = child_plans_of(plan, timezone.localdate())
    assert {c.status.declared for c in children} == {"orange", "green"}
    assert [r.need for c in children for r in c.requests] == [
        "Akkoord op het budget voor de bezorgfietsen"
    ]
    client.force_login(User.objects.get(username="anna"))
    page = client.get(reverse("dashboard:portfolio", args=[DEMO_SLUG])).content.decode()
    assert page.index("Bakkerij De Korenaar 2027") < page.index("Webwinkel 2027")
