"""Numbers a column cannot hold (1e12, 1e20, NaN, Infinity) are refused with a message, never
stored; junk ids get a message, not a 500; stored out-of-range values are found by a command."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from koers.dashboard.models import KpiTarget, Measurement
from koers.dashboard.tests.factories import kpis_of, measure

HUGE = ["1000000000000", "1e20", "NaN", "Infinity", "-Infinity", "sNaN", "1" * 5000]


def url(name, plan, *args):
    return reverse(f"dashboard:{name}", args=["acme", plan.pk, *args])


@pytest.mark.parametrize("raw", HUGE)
def test_a_figure_too_large_for_the_grid_is_refused_and_the_plan_still_opens(
    login, plan, member, raw
):
    kpi = kpis_of(plan)[0]
    client = login(member)
    response = client.post(url("grid", plan), {"period": "2027-03", f"kpi-{kpi.pk}": raw})
    assert response.status_code == 422
    html = response.content.decode()
    assert "is not a number." in html or "Enter a number between" in html
    assert "Nothing was saved" in html
    assert not Measurement.objects.exists()
    for page in [
        url("grid", plan) + "?period=2027-03",
        url("kpi", plan, kpi.pk),
        url("dashboard", plan),
    ]:
        assert client.get(page).status_code == 200


def test_the_grid_still_takes_dutch_notation_up_to_what_the_column_holds(login, plan, member):
    kpi = kpis_of(plan)[0]
    login(member).post(
        url("grid", plan), {"period": "2027-03", f"kpi-{kpi.pk}": "999.999.999.999,99"}
    )
    assert Measurement.objects.get().value == Decimal("999999999999.99")


def test_a_figure_with_more_decimals_than_kept_is_refused_not_rounded(login, plan, member):
    kpi = kpis_of(plan)[0]
    response = login(member).post(
        url("grid", plan), {"period": "2027-03", f"kpi-{kpi.pk}": "1.234"}
    )
    assert response.status_code == 422 and "Use at most 2 decimals." in response.content.decode()


@pytest.mark.parametrize("raw", ["1000000000000", "1e20", "NaN", "Infinity"])
def test_an_imported_figure_too_large_or_not_a_number_is_refused(login, plan, member, raw):
    kpi = kpis_of(plan)[0]
    client = login(member)
    upload = SimpleUploadedFile(
        "f.csv", f"kpi_id,kpi,period,value,note\n{kpi.pk},x,2027-01,{raw},\n".encode()
    )
    response = client.post(url("import", plan), {"file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    assert "is not a number." in html or "Enter a number between" in html
    client.post(url("import", plan), {"confirm": "1"})
    assert not Measurement.objects.exists()


def test_nan_slipped_into_a_pending_import_is_refused_on_confirm(login, plan, member):
    kpi = kpis_of(plan)[0]
    client = login(member)
    session = client.session
    session[f"koers-import-{plan.pk}"] = [
        ["kpi_id", "kpi", "period", "value", "note"],
        [str(kpi.pk), "x", "2027-01", "NaN", ""],
    ]
    session.save()
    response = client.post(url("import", plan), {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert "Fix the rows with errors first; nothing was written." in response.content.decode()
    assert not Measurement.objects.exists()


@pytest.mark.parametrize("raw", ["1e20", "NaN", "Infinity"])
def test_a_milestone_too_large_is_refused_with_a_message(login, plan, owner, raw):
    kpi = kpis_of(plan)[0]
    response = login(owner).post(
        url("milestone", plan, kpi.pk), {"period": "2027-06", "value": raw}, follow=True
    )
    assert response.status_code == 200 and not KpiTarget.objects.exists()
    assert "Enter a number" in response.content.decode()


@pytest.mark.parametrize("junk", ["abc", "", "-1", "99999999999999999999999", "1.5"])
def test_removing_a_milestone_with_a_junk_id_says_so_and_removes_nothing(login, plan, owner, junk):
    kpi = kpis_of(plan)[0]
    KpiTarget.objects.create(kpi=kpi, period=date(2027, 6, 1), value=5)
    response = login(owner).post(url("milestone", plan, kpi.pk), {"remove": junk})
    assert response.status_code == 400
    assert "This milestone does not exist (any more)." in response.content.decode()
    assert KpiTarget.objects.count() == 1


@pytest.mark.parametrize(
    "field,raw",
    [
        ("baseline_value", "1e20"),
        ("target_value", "NaN"),
        ("range_max", "Infinity"),
        ("tolerance_pct", "99999999"),
    ],
)
def test_kpi_settings_beyond_their_column_are_refused(login, plan, owner, field, raw):
    kpi = kpis_of(plan)[0]
    data = {
        "unit": "",
        "direction": "higher",
        "frequency": "monthly",
        "tolerance_pct": "10",
        "version": kpi.version,
        field: raw,
    }
    response = login(owner).post(url("kpi", plan, kpi.pk), data)
    assert response.status_code == 422
    kpi.refresh_from_db()
    assert kpi.version == 1


def test_editing_one_figure_refuses_a_value_the_column_cannot_hold(login, plan, member):
    kpi = kpis_of(plan)[0]
    figure = measure(kpi, date(2027, 1, 1), 5)
    response = login(member).post(
        url("measurement", plan, kpi.pk, figure.pk), {"value": "1e20", "note": "", "version": 1}
    )
    assert response.status_code == 422
    figure.refresh_from_db()
    assert figure.value == 5


def test_check_numbers_reports_a_stored_value_no_page_can_read(plan):
    kpi = kpis_of(plan)[0]
    figure = measure(kpi, date(2027, 1, 1), 5)
    call_command("check_numbers", stdout=io.StringIO())  # all in range: no error
    # What each database lets through: SQLite any number, PostgreSQL's numeric a NaN.
    bad = "NaN" if connection.vendor == "postgresql" else 1e20
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dashboard_measurement SET value = %s WHERE id = %s", [bad, figure.pk]
        )
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 stored number"):
        call_command("check_numbers", stdout=out)
    assert f"dashboard.Measurement #{figure.pk} value" in out.getvalue()


def test_a_kpi_with_an_end_target_but_no_baseline_still_opens(login, plan, member):
    kpi = kpis_of(plan, start=date(2020, 1, 1), end=date(2021, 1, 1))[0]
    kpi.baseline_value = None
    kpi.save()
    measure(kpi, timezone.localdate().replace(day=1), 5)
    response = login(member).get(url("kpi", plan, kpi.pk))
    assert response.status_code == 200 and "<svg" in response.content.decode()


def test_the_database_check_warns_about_a_stored_value_no_page_can_read(plan):
    from django.core import checks

    kpi = kpis_of(plan)[0]
    figure = measure(kpi, date(2027, 1, 1), 5)
    assert not checks.run_checks(tags=["database"], databases=["default"])
    bad = "NaN" if connection.vendor == "postgresql" else 1e20
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dashboard_measurement SET value = %s WHERE id = %s", [bad, figure.pk]
        )
    warnings = checks.run_checks(tags=["database"], databases=["default"])
    assert [w.id for w in warnings] == ["dashboard.W001"]
    assert f"dashboard.Measurement #{figure.pk} value" in warnings[0].msg
