"""KPI feeds: figures fetched from a file at a URL, checked like an upload, never from inside."""

import threading
import time
from datetime import date, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement
from koers.reports import feeds

ROUTES = {
    "/figures.csv": (200, "text/csv", b"period,value,note\n2027-01,5,first\n2027-02,7.5,\n"),
    "/broken.csv": (200, "text/csv", b"period,value\n2027-01,5\n2027-02,lots\n"),
    "/big.csv": (200, "text/csv", b"period,value\n" + b"2027-01,1\n" * 300_000),
    "/missing.csv": (404, "text/plain", b"gone"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 — the standard library's name
        self.server.seen.append(self.path)
        if self.path == "/slow.csv":
            time.sleep(3)
        if self.path == "/moved.csv":
            self.send_response(302)
            self.send_header("Location", "/figures.csv")
            self.end_headers()
            return
        status, kind, body = ROUTES.get(self.path, (200, "text/csv", b"period,value\n"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def kpi(plan):
    services.ensure_kpis(plan)
    return Kpi.objects.select_related("plan", "measure", "goal").get(
        plan=plan, measure__isnull=False
    )


def _url(server, path):
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def _feed(kpi, url):
    kpi.feed_url = url
    kpi.save(update_fields=["feed_url"])
    return kpi


@pytest.fixture
def local_allowed(settings):
    settings.KPI_FEED_ALLOW_PRIVATE = True  # the test server is on this machine


def test_a_feed_brings_its_figures_and_records_the_fetch(kpi, server, local_allowed):
    ok, message = feeds.run_feed(_feed(kpi, _url(server, "/figures.csv")))
    assert ok, message
    figures = dict(Measurement.objects.filter(kpi=kpi).values_list("period", "value"))
    assert figures == {date(2027, 1, 1): Decimal("5"), date(2027, 2, 1): Decimal("7.5")}
    kpi.refresh_from_db()
    assert kpi.feed_ok and kpi.feed_fetched_at and "2 figures" in kpi.feed_message


def test_a_redirect_is_followed(kpi, server, local_allowed):
    assert feeds.run_feed(_feed(kpi, _url(server, "/moved.csv")))[0]
    assert server.seen == ["/moved.csv", "/figures.csv"]


def test_a_bad_row_writes_nothing_and_says_which(kpi, server, local_allowed):
    Measurement.objects.create(kpi=kpi, period=date(2027, 1, 1), value=Decimal(1))
    ok, message = feeds.run_feed(_feed(kpi, _url(server, "/broken.csv")))
    assert not ok and "Row 3" in message and "not a number" in message
    assert list(Measurement.objects.filter(kpi=kpi).values_list("value", flat=True)) == [1]
    kpi.refresh_from_db()
    assert kpi.feed_ok is False and "Nothing was imported" in kpi.feed_message


@pytest.mark.parametrize(
    ("path", "message"),
    [("/big.csv", "larger than 2 MB"), ("/missing.csv", "answered 404"), ("/slow.csv", "too long")],
)
def test_limits_and_failures_are_recorded(kpi, server, local_allowed, settings, path, message):
    settings.KPI_FEED_TIMEOUT_SECONDS = 1
    ok, said = feeds.run_feed(_feed(kpi, _url(server, path)))
    assert not ok and message in said
    assert not Measurement.objects.filter(kpi=kpi).exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/figures.csv",
        "http://localhost:{port}/figures.csv",
        "http://[::1]:{port}/figures.csv",
        "http://10.1.2.3/figures.csv",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.0.1/figures.csv",
    ],
)
def test_internal_addresses_are_never_fetched(kpi, server, url):
    ok, message = feeds.run_feed(_feed(kpi, url.format(port=server.server_address[1])))
    assert not ok and "internal address" in message
    assert server.seen == []


@pytest.mark.parametrize(
    ("url", "message"),
    [("ftp://example.com/f.csv", "Only http"), ("http://user:pw@example.com/f.csv", "password")],
)
def test_other_schemes_and_credentials_are_refused(url, message):
    with pytest.raises(feeds.FeedError, match=message):
        feeds.check_url(url)


def test_the_owner_enters_an_address_and_sees_the_last_fetch(login, owner, kpi, server, settings):
    client = login(owner)
    page = reverse("reports:kpi_feed", args=[kpi.plan.workspace.slug, kpi.plan_id, kpi.pk])
    refused = client.post(
        page, {"feed_url": _url(server, "/figures.csv"), "feed_every_hours": 24, "version": 1}
    )
    assert refused.status_code == 422 and "internal address" in refused.content.decode()

    settings.KPI_FEED_ALLOW_PRIVATE = True
    saved = client.post(
        page, {"feed_url": _url(server, "/figures.csv"), "feed_every_hours": 24, "version": 1}
    )
    assert saved.status_code == 302
    fetch = reverse("reports:kpi_feed_fetch", args=[kpi.plan.workspace.slug, kpi.plan_id, kpi.pk])
    client.post(fetch)  # the test settings run tasks at once
    shown = client.get(page).content.decode()
    assert "Succeeded" in shown and "2 figures read" in shown


def test_a_stale_form_does_not_overwrite_a_newer_address(login, owner, kpi):
    client = login(owner)
    page = reverse("reports:kpi_feed", args=[kpi.plan.workspace.slug, kpi.plan_id, kpi.pk])
    data = {"feed_url": "https://example.com/a.csv", "feed_every_hours": 24, "version": 0}
    response = client.post(page, data)
    assert response.status_code == 422
    kpi.refresh_from_db()
    assert kpi.feed_url == ""


def test_the_schedule_fetches_only_feeds_that_are_due(kpi, server, local_allowed, plan):
    _feed(kpi, _url(server, "/figures.csv"))
    other = Kpi.objects.get(plan=plan, goal__isnull=False)
    other.feed_url = _url(server, "/other.csv")
    other.feed_fetched_at = timezone.now() - timedelta(hours=1)
    other.save()
    call_command("fetch_kpi_feeds")
    assert server.seen == ["/figures.csv"]
    call_command("fetch_kpi_feeds")
    assert server.seen == ["/figures.csv"]  # fetched an instant ago: not due again
