"""The plan session evaluates the dashboard: the goals and every strategy, each KPI's latest
figure against its target and milestone with its chart, strategies furthest behind first."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.actions.tests.factories import make_action
from koers.dashboard.models import KpiTarget
from koers.dashboard.tests.factories import kpis_of, measure
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session
from koers.plans.models import Measure, Strategy


@pytest.fixture
def session(plan):
    return make_session(plan, kind=Kind.PLAN)


@pytest.fixture
def two_strategies(plan, member):
    """ "Go online" on track; "Open a shop" with a KPI off track and an overdue action."""
    shop = Strategy.objects.create(plan=plan, title="Open a shop", owner=member, position=1)
    Measure.objects.create(strategy=shop, name="Shop visitors", unit="people", position=0)
    kpis = {k.name: k for k in kpis_of(plan, baseline=0, target=100)}
    this_month = timezone.localdate().replace(day=1)
    measure(kpis["Online orders"], this_month, 500)
    measure(kpis["Shop visitors"], this_month, 1)
    measure(kpis["Revenue 1M"], this_month, 42)
    KpiTarget.objects.create(kpi=kpis["Revenue 1M"], period=this_month, value=Decimal(40))
    today = timezone.localdate()
    make_action(
        shop,
        title="Sign the lease",
        start_date=today - timedelta(days=30),
        due_date=today - timedelta(days=3),
    )
    return shop


def dashboard_keys(session):
    section = next(s for s in build_agenda(load_agenda_data(session)) if s.key == "dashboard")
    return [i.key for i in section.items]


def run_page(client, session, key):
    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(session)))]
    url = reverse("meetings:run", args=["acme", session.plan_id, session.pk])
    return client.get(f"{url}?item={keys.index(key)}").content.decode()


def test_the_goals_come_first_then_the_strategy_furthest_behind(session, plan, two_strategies):
    online = plan.strategies.get(title="Go online")
    assert dashboard_keys(session) == [
        "dashboard-goals",
        f"dashboard-{two_strategies.pk}",
        f"dashboard-{online.pk}",
    ]


def test_a_strategy_behind_says_so_in_content_and_in_planning(
    login, session, process_owner, two_strategies
):
    page = run_page(login(process_owner), session, f"dashboard-{two_strategies.pk}")
    assert "Behind in content: 1 KPI off track" in page
    assert "Behind in planning: 1 action red or overdue" in page
    assert "Shop visitors" in page and "<svg" in page  # its KPI with its chart
    assert reverse("dashboard:dashboard", args=["acme", session.plan_id]) in page


def test_a_strategy_on_track_is_not_labelled_behind(
    login, session, plan, process_owner, two_strategies
):
    online = plan.strategies.get(title="Go online")
    page = run_page(login(process_owner), session, f"dashboard-{online.pk}")
    assert "Behind in" not in page and "Not behind in content or planning" in page


def test_the_goals_show_the_latest_figure_against_the_milestone_and_end_target(
    login, session, process_owner, two_strategies
):
    page = run_page(login(process_owner), session, "dashboard-goals")
    row = page[page.index("Revenue 1M") :]
    row = row[: row.index("</tr>")]
    assert "42" in row and "40" in row and "milestone" in row and "100" in row
    assert "<svg" in row


def test_in_dutch_the_labels_are_dutch(login, session, process_owner, two_strategies):
    client = login(process_owner)
    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(session)))]
    url = reverse("meetings:run", args=["acme", session.plan_id, session.pk])
    page = client.get(
        f"{url}?item={keys.index(f'dashboard-{two_strategies.pk}')}", HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "Achter op inhoud" in page and "Achter op planning" in page
