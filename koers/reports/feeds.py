"""KPI feeds: a KPI's figures from a CSV or Excel file at a URL, fetched by the task worker.

The file goes through the dashboard's own import (`koers.dashboard.transfer`): the same
checks, and all rows written or none. Only http(s) URLs, only to public addresses (unless
`KPI_FEED_ALLOW_PRIVATE`): the host name is resolved, every address is checked, and the
connection goes to the checked address itself, so a second lookup cannot point it elsewhere
(DNS rebinding). Redirects are followed a few times, each checked again. Timeouts and the
import's size cap bound every fetch.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.revision import touch_workspaces
from koers.dashboard import transfer
from koers.dashboard.models import Kpi

MAX_REDIRECTS = 3
USER_AGENT = "Koers KPI feed"


class FeedError(Exception):
    """The fetch failed; the message says why, for the KPI's owner."""


def check_url(url: str) -> tuple[str, str, int, list[str]]:
    """(scheme, host, port, allowed addresses) or FeedError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(_("Only http:// and https:// addresses can be fetched."))
    if parts.username or parts.password:
        raise FeedError(_("Put no user name or password in the address."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise FeedError(
            _("The address %(host)s cannot be found.") % {"host": parts.hostname}
        ) from error
    addresses = sorted({info[4][0] for info in found})
    if not settings.KPI_FEED_ALLOW_PRIVATE:
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise FeedError(
                    _("%(host)s is an internal address; Koers fetches only public ones.")
                    % {"host": parts.hostname}
                )
    return parts.scheme, parts.hostname, port, addresses


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, address, port, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, address, port, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url: str) -> tuple[bytes, str]:
    """The file at `url` and its content type, within the limits; FeedError otherwise."""
    limit, timeout = settings.IMPORT_MAX_BYTES, settings.KPI_FEED_TIMEOUT_SECONDS
    deadline = time.monotonic() + 3 * timeout
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, addresses = check_url(url)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        connection = kind(host, addresses[0], port, timeout)
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise FeedError(_("The server answered %(status)s.") % {"status": response.status})
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FeedError(_("The file is larger than %(mb)s MB.") % {"mb": limit // 2**20})
            data = b""
            while len(data) <= limit:
                if time.monotonic() > deadline:
                    raise FeedError(_("The server took too long."))
                chunk = response.read(64 * 1024)
                if not chunk:
                    break
                data += chunk
            if len(data) > limit:
                raise FeedError(_("The file is larger than %(mb)s MB.") % {"mb": limit // 2**20})
            return data, response.getheader("Content-Type", "")
        except TimeoutError as error:
            raise FeedError(_("The server took too long.")) from error
        except (OSError, http.client.HTTPException, ssl.SSLError) as error:
            raise FeedError(
                _("The file could not be fetched: %(error)s") % {"error": error}
            ) from error
        finally:
            connection.close()
    raise FeedError(_("Too many redirects."))


def _as_table(kpi, data: bytes, content_type: str, url: str) -> list[list[str]]:
    spreadsheet = data[:2] == b"PK" or "spreadsheet" in content_type
    name = "feed.xlsx" if spreadsheet else "feed.csv"
    table = transfer.read_upload(SimpleUploadedFile(name, data))
    if table and [c.strip().lower() for c in table[0][:2]] == ["period", "value"]:
        # A sheet of one KPI's figures: period, value (and a note).
        table = [transfer.HEADER] + [[str(kpi.pk), "", *row] for row in table[1:]]
    return table


def run_feed(kpi: Kpi, now=None) -> tuple[bool, str]:
    """Fetch the KPI's file and import it, all or nothing; records and returns how it went."""
    now = now or timezone.now()
    try:
        data, content_type = fetch(kpi.feed_url)
        checked = transfer.check_rows(kpi.plan, _as_table(kpi, data, content_type, kpi.feed_url))
        rows = checked.rows
        foreign = [r for r in rows if r.kpi is not None and r.kpi.pk != kpi.pk]
        errors = [
            _("Row %(line)s: %(problem)s") % {"line": r.line, "problem": r.error}
            for r in rows
            if r.error
        ]
        errors += [
            _("Row %(line)s: %(problem)s")
            % {"line": r.line, "problem": _("these figures are for another KPI.")}
            for r in foreign
        ]
        if errors:
            raise FeedError(
                _("Nothing was imported: %(problems)s") % {"problems": " ".join(errors[:5])}
            )
        count = transfer.commit_rows(kpi.plan, checked, None)
        ok, message = True, _("%(n)s figures read.") % {"n": count}
    except (FeedError, transfer.ImportError_) as error:
        ok, message = False, str(error)
    Kpi.objects.filter(pk=kpi.pk).update(
        feed_fetched_at=now, feed_ok=ok, feed_message=message[:1000]
    )
    touch_workspaces(plans=kpi.plan_id)
    return ok, message


def due_feeds(now=None):
    """KPIs whose feed is due: never fetched, or fetched longer ago than their interval."""
    now = now or timezone.now()
    feeds = Kpi.objects.exclude(feed_url="").select_related("plan")
    return [
        kpi
        for kpi in feeds.filter(Q(feed_fetched_at__isnull=True) | Q(feed_fetched_at__lt=now))
        if kpi.feed_fetched_at is None
        or (now - kpi.feed_fetched_at).total_seconds() >= kpi.feed_every_hours * 3600 - 60
    ]
