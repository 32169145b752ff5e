"""Issue #21 end to end, in a real browser on the demo, in English and Dutch: Anna makes Sanne
the OGSM owner of a new business department's plan and only a viewer of the bakery's; Sanne
links her plan under the bakery's business strategy and enters its figures; the bakery's
dashboard (its KPI fed by the department, the plans serving the strategy) and its steering
agenda ("Child plans": the department's status and its request to the bakery) change; the
round no longer asks Sanne about the bakery strategy she owns but cannot update there.
Desktop and phone. Linking, roll-up settings and the roles page each have their own browser
test (test_cascade_, test_rollup_, test_plan_roles_in_browser); this one walks them as one."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.actions import rules as action_rules
from koers.actions.models import Action
from koers.dashboard import fed
from koers.dashboard.models import Kpi
from koers.demo.services import load_demo, organisation_plan
from koers.meetings.models import Kind, Session
from koers.plans import cascade
from koers.plans.models import Measure, Plan, PlanLink, PlanRole, Strategy

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
BUSINESS = "Zakelijke markt: lunch en catering voor bedrijven"
CLIENTS = "Aantal vaste zakelijke klanten"
ASK = "Een tweede bestelbus voor de lunchroutes"


def _in(language, text) -> str:
    with translation.override(language):
        return str(_(text))


def _department(workspace, parent_kpi, sanne):
    """The business department's plan, with a measure counted as the bakery's KPI is."""
    plan = Plan.objects.create(
        workspace=workspace, name="Zakelijk 2027", period="2027",
        start_date=date(2027, 1, 1), end_date=date(2027, 12, 31),
        objective="Kantoren en scholen lunchen met ons brood.",
    )  # fmt: skip
    strategy = Strategy.objects.create(plan=plan, title="Vaste lunchroutes", owner=sanne)
    Measure.objects.create(
        strategy=strategy, name="Vaste lunchklanten", unit=parent_kpi.unit,
        direction=parent_kpi.direction,
    )  # fmt: skip
    kpi = Kpi.objects.get(plan=plan)
    Kpi.objects.filter(pk=kpi.pk).update(frequency=parent_kpi.frequency)
    action = Action.objects.create(
        strategy=strategy, title="Lunchroute langs de scholen", owner=sanne, status="in_progress",
        due_date=timezone.localdate() + timedelta(days=40),
    )  # fmt: skip
    return plan, kpi, action


def _set_role(page, person, role_label):
    row = page.locator("table.plan-roles tr", has_text=person)
    row.locator("select[name=role]").select_option(label=role_label)
    row.locator("button[type=submit]").click()
    page.locator(".messages").wait_for()


def _both_sizes(page, screenshot, name):
    screenshot(name)
    page.set_viewport_size(PHONE)
    screenshot(f"{name}-phone")
    page.set_viewport_size(DESKTOP)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_department_plan_cascades_rolls_up_and_is_permissioned_per_plan(
    page, live_server, log_in, screenshot, language
):
    workspace = load_demo()
    bakery = organisation_plan(workspace)
    business = bakery.strategies.get(title=BUSINESS)
    parent_kpi = Kpi.objects.get(plan=bakery, measure__name=CLIENTS)
    anna, sanne = User.objects.get(username="anna"), User.objects.get(username="sanne")
    for person in (anna, sanne):
        person.language = language
        person.save()
    department, department_kpi, action = _department(workspace, parent_kpi, sanne)
    steering = Session.objects.create(
        plan=bakery, kind=Kind.STEERING, starts_at=timezone.now() + timedelta(days=9)
    )
    t = lambda text: _in(language, text)  # noqa: E731
    base = f"{live_server.url}/w/{workspace.slug}/plans"
    agenda = f"{base}/{bakery.pk}/sessions/{steering.pk}/"

    # Anna, the workspace's OGSM owner: the bakery's agenda knows only the demo's departments.
    log_in(anna)
    page.goto(agenda)
    children = page.locator(".child-plans")
    children.locator(".child-plan", has_text="Webwinkel 2027").wait_for()
    assert "Zakelijk 2027" not in children.inner_text()
    # Roles per plan, up and down: Sanne (a member) owns the department's plan, and only
    # reads the bakery's.
    page.goto(f"{base}/{department.pk}/roles/")
    _set_role(page, "Sanne", t("OGSM owner"))
    page.goto(f"{base}/{bakery.pk}/roles/")
    _set_role(page, "Sanne", t("Viewer"))
    assert dict(PlanRole.objects.filter(user=sanne).values_list("plan__name", "role")) == {
        "Zakelijk 2027": "ogsm_owner",
        bakery.name: "viewer",
    }
    _both_sizes(page, screenshot, f"roles-{language}")

    # Sanne links her plan under the bakery's business strategy.
    page.context.clear_cookies()
    log_in(sanne)
    page.goto(f"{base}/{department.pk}/")
    page.click(f"#serves a:has-text('{t('Serve a strategy or goal of another plan')}')")
    page.locator("#id_item").wait_for()
    page.select_option("#id_item", value=f"s{business.pk}")
    page.click(f"#serves button:has-text('{t('Serve this item')}')")
    page.locator("#serves .served-item", has_text=BUSINESS).wait_for()
    assert PlanLink.objects.filter(child=department, parent_strategy=business).exists()
    _both_sizes(page, screenshot, f"linked-{language}")

    # The bakery's KPI is filled from the department's (its settings page has its own test).
    parent_kpi.refresh_from_db()
    fed.set_roll_up(parent_kpi, "sum", [department_kpi.pk], parent_kpi.version)

    # Sanne enters her plan's figure in the grid; on the bakery's she has no input at all.
    this_month = timezone.localdate().strftime("%Y-%m")
    page.goto(f"{base}/{department.pk}/dashboard/figures/?period={this_month}")
    page.fill(f"#kpi-{department_kpi.pk}", "17")
    page.click(f"text={t('Save figures')}")
    page.locator(".messages").wait_for()
    assert page.request.get(f"{base}/{bakery.pk}/dashboard/figures/").status == 403
    # ... and she asks the bakery for something, with a red action.
    action_rules.post_update(
        action, sanne, did="Drie scholen getekend", progress=20, colour="red", need=ASK,
        need_from=anna,
    )  # fmt: skip

    # The bakery's dashboard, as Sanne reads it: the fed KPI, the plan serving the strategy.
    page.goto(f"{base}/{bakery.pk}/dashboard/")
    block = page.locator(".strategy-block", has_text=BUSINESS)
    row = block.locator("tr", has_text=CLIENTS)
    assert "17" in row.locator("td.num").first.inner_text()
    serving = block.locator(".serving-plans")
    assert t("Plans serving this strategy") in serving.inner_text()
    department_row = serving.locator("tr", has_text="Zakelijk 2027").inner_text()
    assert t("No target yet") in department_row  # a figure, but no line to judge it by
    assert page.locator(f"a:has-text('{t('Enter figures')}')").count() == 0
    _both_sizes(page, screenshot, f"dashboard-{language}")

    # Anna's steering agenda: the department, how it goes and what it asks of the bakery.
    page.context.clear_cookies()
    log_in(anna)
    page.goto(agenda)
    child = page.locator(".child-plans .child-plan", has_text="Zakelijk 2027")
    child.wait_for()
    assert ASK in child.inner_text()
    assert child.locator(".badge.flag").count() >= 1  # its red action
    _both_sizes(page, screenshot, f"agenda-{language}")
    # The item alone, to look at closely (the whole agenda is a long page).
    shot = screenshot(f"agenda-item-{language}")
    page.locator(".child-plans").screenshot(path=str(shot))
    page.set_viewport_size(PHONE)
    page.locator(".child-plans").screenshot(path=str(shot).replace(".png", "-phone.png"))
    page.set_viewport_size(DESKTOP)
    # Sanne owns the bakery's business strategy but only views that plan now: the round
    # does not ask her for its update, and its page says why, with the way to change it.
    page.goto(f"{agenda}round/")
    not_asked = page.locator(".not-asked")
    assert "Sanne" in not_asked.inner_text()
    assert not_asked.locator(f"a:has-text('{t('Roles on this plan')}')").count() == 1
    _both_sizes(page, screenshot, f"round-{language}")

    # A plan serving a goal of the bakery (no strategy block to sit in) shows beneath the blocks.
    goal = bakery.goals.order_by("position").first()
    cascade.link(Plan.objects.get(workspace=workspace, name="Productie 2027"), goal)
    page.goto(f"{base}/{bakery.pk}/dashboard/")
    served = page.locator(f"#served-goal-{goal.pk}")
    assert "Productie 2027" in served.inner_text()
    assert t("Plans serving this goal") in served.inner_text()
    served.scroll_into_view_if_needed()
    _both_sizes(page, screenshot, f"served-goal-{language}")
    shot = screenshot(f"served-goal-item-{language}")
    page.locator(".served-items").screenshot(path=str(shot))
