"""The plan session's preparation panel and its year in view ("What changed since last year"):
pages of their own, loaded into the agenda and the pre-read, whole in the pre-read's PDF."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.analysis import canvas, scenarios, swot
from koers.analysis.models import CanvasVersion, Likelihood, Signal, SwotItem, TrendScore
from koers.analysis.tests.factories import scenario_set, trend
from koers.dashboard.tests.factories import kpis_of, measure
from koers.meetings import year
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session
from koers.meetings.tests.test_documents import pdf_text

DAY = timedelta(days=1)


def url(name, session):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


def backdate(model, obj, days, field="created_at"):
    model.objects.filter(pk=obj.pk).update(**{field: timezone.now() - days * DAY})


def page(client, name, session, htmx=False):
    cache.clear()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(url(name, session), **headers)
    assert response.status_code == 200
    return response.content.decode()


# --- The rules ---------------------------------------------------------------------------------


def test_the_year_ends_at_the_session_or_today_while_it_is_ahead(plan):
    held = make_session(plan, kind=Kind.PLAN, days_ahead=-40)
    ahead = make_session(plan, kind=Kind.PLAN, days_ahead=200)
    today = timezone.localdate()
    assert year.window(ahead).end == today
    assert year.window(held).end == today - 40 * DAY
    assert year.window(held).start_day == today - 40 * DAY - 365 * DAY


@pytest.mark.parametrize(
    ("on", "frequency", "period"),
    [
        (date(2027, 3, 14), "monthly", date(2027, 2, 1)),
        (date(2027, 1, 2), "monthly", date(2026, 12, 1)),
        (date(2027, 5, 14), "quarterly", date(2027, 1, 1)),
        (date(2027, 1, 31), "quarterly", date(2026, 10, 1)),
    ],
)
def test_the_last_complete_period_is_the_one_before_today(on, frequency, period):
    assert year.last_complete_period(on, frequency) == period


FACTS = {
    "has_canvas_saved": True,
    "has_internal": True,
    "has_external": True,
    "has_likelihoods": True,
    "has_signals": True,
}


@pytest.mark.parametrize(
    ("fact", "check"),
    [
        ("has_canvas_saved", "canvas"),
        ("has_internal", "internal"),
        ("has_external", "external"),
        ("has_likelihoods", "likelihoods"),
        ("has_signals", "signals"),
    ],
)
def test_each_check_is_crossed_when_its_tool_was_not_used_this_year(fact, check):
    checks = {c.key: c.done for c in year.checks({**FACTS, fact: False}, [])}
    assert [k for k, done in checks.items() if not done] == [check]


def test_missing_figures_cross_the_first_check_and_are_counted():
    owners = [year.OwnerFigures(None, ["a", "b"]), year.OwnerFigures(None, ["c"])]
    first = year.checks(FACTS, owners)[0]
    assert not first.done and first.detail == "3 figures missing for the last complete period."
    assert year.checks(FACTS, [])[0].done


def test_missing_figures_are_grouped_per_owner_nobody_last(plan, member, owner):
    kpis = kpis_of(plan)
    kpis[0].owner = member
    kpis[0].save()
    on = timezone.localdate()
    groups = year.by_owner(year.missing_figures(plan, on))
    assert groups[0].owner == member and groups[0].kpis == [kpis[0]]
    assert groups[-1].owner is None
    measure(kpis[0], year.last_complete_period(on, kpis[0].frequency), 7)
    assert all(g.owner != member for g in year.by_owner(year.missing_figures(plan, on)))


# --- The preparation panel ---------------------------------------------------------------------


def test_the_panel_ticks_what_was_done_this_year_and_names_missing_figures(
    login, plan, member, viewer
):
    session = make_session(plan, kind=Kind.PLAN)
    kpis = kpis_of(plan)
    kpis[0].owner = member
    kpis[0].save()
    workspace = plan.workspace
    canvas.add_item(workspace, block="channels", text="Webshop", mark="", why="")
    old = canvas.save_version(workspace, "Two years ago", member)
    backdate(CanvasVersion, old, 700, "saved_at")
    Signal.objects.create(
        workspace=workspace, observed_on=timezone.localdate(), kind="news", title="x"
    )
    swot.add_item(workspace, member, kind="risk", description="Grain prices")
    html = page(login(viewer), "preparation", session, htmx=True)
    assert "<html" not in html
    ticks = dict(
        (c.key, c.done)
        for c in year.preparation(session)["checks"]  # what the page shows, as data
    )
    assert ticks == {
        "figures": False,
        "canvas": False,
        "internal": False,
        "external": True,
        "likelihoods": False,
        "signals": True,
    }
    assert "Figures still missing, per owner" in html
    assert member.display_name in html and kpis[0].name in html
    assert html.count("✓") == 2 and html.count("✗") == 4
    assert reverse("analysis:canvas", args=["acme"]) in html


def test_only_a_plan_session_has_a_preparation_panel_and_a_year(login, plan, viewer):
    steering = make_session(plan, kind=Kind.STEERING)
    client = login(viewer)
    assert client.get(url("preparation", steering)).status_code == 404
    assert client.get(url("year", steering)).status_code == 404


def test_the_agenda_and_the_preread_load_both_panels_into_place(login, plan, viewer):
    session = make_session(plan, kind=Kind.PLAN)
    client = login(viewer)
    for name in ("detail", "preread"):
        html = page(client, name, session)
        assert f'hx-get="{url("preparation", session)}"' in html
        assert f'hx-get="{url("year", session)}"' in html
        assert "What changed since last year" in html


# --- A year in view ----------------------------------------------------------------------------


@pytest.fixture
def a_year(plan, member):
    """A workspace whose tools moved over the year, and some things from before it."""
    workspace = plan.workspace
    fresh = Signal.objects.create(
        workspace=workspace,
        observed_on=timezone.localdate() - 200 * DAY,
        kind="news",
        title="Mill closes",
    )
    Signal.objects.create(
        workspace=workspace,
        observed_on=timezone.localdate() - 400 * DAY,
        kind="news",
        title="Old news",
    )
    added = swot.add_item(workspace, member, kind="opportunity", description="Lunch deliveries")
    gone = swot.add_item(workspace, member, kind="risk", description="Flour shortage")
    backdate(SwotItem, gone, 500)
    swot.archive_item(gone)
    stale = swot.add_item(workspace, member, kind="strength", description="Old ovens")
    backdate(SwotItem, stale, 500)
    rising = trend(workspace, "Energy prices", urgency=3, impact=3)
    backdate(TrendScore, rising.scores.get(), 420, "recorded_at")
    rising.impact = 5
    from koers.analysis import trends

    trends.save_trend(rising, ["impact"], rising.version, member)
    trend(workspace, "Quiet trend")
    TrendScore.objects.filter(trend__title="Quiet trend").update(
        recorded_at=timezone.now() - 600 * DAY
    )
    futures = scenario_set(workspace, member)
    TrendScore.objects.filter(trend__title__in=["Remote work", "Grain prices"]).update(
        recorded_at=timezone.now() - 600 * DAY
    )
    ids = [s.pk for s in futures.scenarios.all()]
    scenarios.record_likelihoods(
        futures, timezone.localdate() - 380 * DAY, dict.fromkeys(ids, 25), member
    )
    scenarios.record_likelihoods(
        futures,
        timezone.localdate() - 10 * DAY,
        dict(zip(ids, [40, 30, 20, 10], strict=True)),
        member,
    )
    item = canvas.add_item(workspace, block="channels", text="Webshop", mark="vulnerability")
    then = canvas.save_version(workspace, "Plan session last year", member)
    backdate(CanvasVersion, then, 380, "saved_at")
    item.mark = ""
    canvas.save_item(item, ["mark"], item.version)
    canvas.add_item(workspace, block="channels", text="Market stall", mark="")
    return {"signal": fresh, "added": added, "gone": gone, "stale": stale}


def test_the_year_in_view_shows_what_each_tool_recorded_in_twelve_months(
    login, plan, viewer, a_year
):
    session = make_session(plan, kind=Kind.PLAN)
    html = page(login(viewer), "year", session)
    assert "Mill closes" in html and "Old news" not in html
    assert "Lunch deliveries" in html and "Flour shortage" in html and "Old ovens" not in html
    assert "archived" in html
    assert "Energy prices" in html and "impact 3" in html and "impact 5" in html
    assert "Quiet trend" not in html
    assert "<strong>40 %</strong>" in html and "a year ago: 25 %" in html
    assert "Plan session last year" in html and "Market stall" in html
    assert "Not marked" in html  # the webshop is no longer a vulnerability


def test_a_changed_swot_item_is_listed_with_the_date_of_its_change(login, plan, member, viewer):
    old = swot.add_item(plan.workspace, member, kind="strength", description="Good bread")
    backdate(SwotItem, old, 500)
    old.description = "Very good bread"
    old.save(update_fields=["description"])
    events = year.year_in_view(make_session(plan, kind=Kind.PLAN), parts=["swot"]).swot
    assert [(e.item.description, [what for what, _at in e.events]) for e in events] == [
        ("Very good bread", ["changed"])
    ]


def test_session_mode_shows_each_year_item_with_its_own_entries(login, plan, process_owner, a_year):
    session = make_session(plan, kind=Kind.PLAN)
    keys = [i.key for i in flat_items(build_agenda(load_agenda_data(session)))]
    client = login(process_owner)
    run = reverse("meetings:run", args=["acme", plan.pk, session.pk])
    html = client.get(f"{run}?item={keys.index('year-trends')}").content.decode()
    assert "Trend scores over the year" in html and "Energy prices" in html
    html = client.get(f"{run}?item={keys.index('year-signals')}").content.decode()
    assert "Mill closes" in html and "Energy prices" not in html


def test_the_preread_pdf_has_the_preparation_and_the_year(login, plan, viewer, a_year):
    session = make_session(plan, kind=Kind.PLAN)
    text = pdf_text(login(viewer).get(url("preread_pdf", session)))
    for words in ("Preparing the plan session", "What changed since last year", "Mill closes"):
        assert words in text


@pytest.mark.parametrize("name", ["year", "preparation"])
def test_the_panels_cost_the_same_few_queries_however_much_there_is(
    name, login, plan, viewer, member, a_year
):
    session = make_session(plan, kind=Kind.PLAN)
    client = login(viewer)

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(name, session), HTTP_HX_REQUEST="true").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for n in range(15):
        Signal.objects.create(
            workspace=plan.workspace, observed_on=timezone.localdate(), kind="news", title=f"S{n}"
        )
        trend(plan.workspace, f"T{n}")
        swot.add_item(plan.workspace, member, kind="risk", description=f"R{n}")
    kpis_of(plan)
    assert count() == small <= 8


def test_likelihoods_judged_this_year_tick_their_check(plan, member):
    futures = scenario_set(plan.workspace, member)
    ids = [s.pk for s in futures.scenarios.all()]
    session = make_session(plan, kind=Kind.PLAN)
    span = year.window(session)
    scenarios.record_likelihoods(
        futures, timezone.localdate() - 400 * DAY, dict.fromkeys(ids, 25), member
    )
    assert not year.facts(session, span)["has_likelihoods"]
    Likelihood.objects.update(recorded_on=timezone.localdate() - 30 * DAY)
    assert year.facts(session, span)["has_likelihoods"]


# --- Asking for the missing figures ------------------------------------------------------------


def test_one_click_asks_the_owner_by_mail_once_a_day(
    login, plan, process_owner, member, mailoutbox
):
    session = make_session(plan, kind=Kind.PLAN)
    kpis = kpis_of(plan)
    kpis[0].owner = member
    kpis[0].save()
    client = login(process_owner)
    response = client.post(url("ask_figures", session), {"owner": member.pk})
    assert response.status_code == 302
    (sent,) = mailoutbox
    assert sent.to == [member.email] and kpis[0].name in sent.body
    assert reverse("dashboard:grid", args=["acme", plan.pk]) in sent.body
    html = page(client, "preparation", session, htmx=True)
    assert f"asked {timezone.localdate():%-d %b %Y}" in html
    again = client.post(url("ask_figures", session), {"owner": member.pk})
    assert again.status_code == 422 and "was asked today already" in again.content.decode()
    assert len(mailoutbox) == 1


def test_asking_someone_without_missing_figures_is_refused(
    login, plan, process_owner, member, mailoutbox
):
    session = make_session(plan, kind=Kind.PLAN)
    kpis_of(plan)  # nobody owns a KPI
    response = login(process_owner).post(url("ask_figures", session), {"owner": member.pk})
    assert response.status_code == 422
    assert "No figures are missing for this person." in response.content.decode()
    assert mailoutbox == []


def test_only_who_runs_sessions_may_ask(login, plan, member, viewer, mailoutbox):
    session = make_session(plan, kind=Kind.PLAN)
    kpis = kpis_of(plan)
    kpis[0].owner = member
    kpis[0].save()
    assert login(viewer).post(url("ask_figures", session), {"owner": member.pk}).status_code == 403
    assert login(member).get(url("ask_figures", session)).status_code == 405
    assert mailoutbox == []
    html = page(login(viewer), "preparation", session, htmx=True)
    assert "Ask to enter them" not in html
