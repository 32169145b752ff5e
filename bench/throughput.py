"""Over real HTTP (wrk against gunicorn, 2 workers): throughput beside a static-file ceiling and
every main page's latency with 16 concurrent clients; worker peak memory; and version-checked
writes per second with 16 concurrent writers."""

import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.request
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.test import Client
from django.utils.crypto import get_random_string

from koers.lib.versioning import StaleEdit, save_versioned
from koers.plans.models import Goal

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
STATIC_PORT = 8766
NGINX_CONF = """
worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp;
    proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp;
    scgi_temp_path {root}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        default_type text/html;
    }}
}}
"""
DURATION = os.environ.get("BENCH_WRK_SECONDS", "8")
LATENCY_SECONDS = os.environ.get("BENCH_LATENCY_SECONDS", "3")
# Long enough for both workers to finish their first rendering of a PDF (about a second each).
WARMUP_SECONDS = os.environ.get("BENCH_WARMUP_SECONDS", "3")


def _session_cookie(user) -> str:
    """The cookies a logged-in browser sends: its session and the CSRF cookie it was given."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()  # Koers's own session table
    store[SESSION_KEY] = str(user.pk)
    # A backend that is not in AUTHENTICATION_BACKENDS would log the session out on arrival.
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    csrf = get_random_string(32)  # without it every response would hand out a new CSRF cookie
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"


WRK_LATENCY_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("LATENCY %d %d %d\\n", latency:percentile(50), latency:percentile(95),
                         summary.requests))
end
"""


def _expect_ok(url: str, cookie: str | None) -> None:
    """wrk counts redirects as successes; a page must really render, not bounce to the login."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirect)
    with opener.open(request, timeout=60) as response:
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}, not 200")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _run_wrk(url: str, cookie: str | None, seconds: str, script: Path | None = None) -> str:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "60s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if script:
        command[1:1] = ["-s", str(script)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"wrk saw {errors.group(1)} error responses for {url}")
    return out


def _wrk(url: str, cookie: str | None = None) -> float:
    _expect_ok(url, cookie)
    out = _run_wrk(url, cookie, DURATION)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def _latency(url: str, cookie: str, script: Path) -> dict:
    """Median and p95 of one page while 16 clients ask for it at once, in steady state.

    A warm-up goes first, so that each worker's first rendering of the page (the
    single-client figures and the PDF target cover that) is not counted among the 16 clients.
    """
    _expect_ok(url, cookie)
    _run_wrk(url, cookie, WARMUP_SECONDS)
    out = _run_wrk(url, cookie, LATENCY_SECONDS, script)
    median_us, p95_us, count = map(int, re.search(r"LATENCY (\d+) (\d+) (\d+)", out).groups())
    return {
        "median_ms": round(median_us / 1000, 1),
        "p95_ms": round(p95_us / 1000, 1),
        "requests": count,
    }


def _worker_peak_rss_mb(master_pid: int) -> float:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return round(max(peaks), 1)


def _start_nginx(static_dir: Path) -> subprocess.Popen:
    """A real static file server, for the ceiling the dynamic pages are compared with."""
    (static_dir / "tmp").mkdir(exist_ok=True)
    conf = static_dir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(root=static_dir, port=STATIC_PORT))
    return subprocess.Popen(  # noqa: S603
        ["nginx", "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.DEVNULL
    )


def _start_gunicorn() -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
    address = f"127.0.0.1:{PORT}"
    return subprocess.Popen(  # noqa: S603
        [gunicorn, "koers.wsgi", "-w", "2", "-b", address, "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )


def measure(data, throughput_pages, latency_pages) -> dict:
    if not (shutil.which("wrk") and shutil.which("nginx")):
        return {"throughput": "wrk or nginx is not installed", "peak_rss_mb": None}
    static_dir = Path(settings.BENCH_STATIC_DIR)
    static_dir.mkdir(parents=True, exist_ok=True)
    client = Client()
    client.force_login(data["owner"])
    for name, url in throughput_pages:
        (static_dir / f"{name}.html").write_bytes(client.get(url).content)
    server = _start_gunicorn()
    static_server = _start_nginx(static_dir)
    script = static_dir / "latency.lua"
    script.write_text(WRK_LATENCY_SCRIPT)
    try:
        time.sleep(3)
        cookie = _session_cookie(data["owner"])
        results = {}
        for name, url in throughput_pages:
            dynamic = _wrk(f"http://127.0.0.1:{PORT}{url}", cookie)
            static = _wrk(f"http://127.0.0.1:{STATIC_PORT}/{name}.html")
            results[name] = {
                "requests_per_s": dynamic,
                "static_requests_per_s": static,
                "ratio_pct": round(100 * dynamic / static, 2),
            }
        latency = {
            name: _latency(f"http://127.0.0.1:{PORT}{url}", cookie, script)
            for name, url in latency_pages
        }
        peak = _worker_peak_rss_mb(server.pid)
    finally:
        for process in (server, static_server):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
    return {
        "throughput": results,
        "latency_16_clients": latency,
        "peak_rss_mb": peak,
        "writes": concurrent_writes(),
    }


def concurrent_writes(writers: int = 16, seconds: float = 5.0) -> dict:
    """Each writer repeatedly reads a goal and saves it with the version check."""
    goal_ids = list(Goal.objects.values_list("pk", flat=True)[: writers * 4])
    done, errors, conflicts = [0], [], [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def writer(index: int) -> None:
        mine = goal_ids[index::writers]
        try:
            while time.perf_counter() < stop:
                for goal_id in mine:
                    goal = Goal.objects.get(pk=goal_id)
                    goal.title = f"Goal written by {index}"
                    try:
                        save_versioned(goal, ["title"], goal.version)
                    except StaleEdit:
                        with lock:
                            conflicts[0] += 1
                        continue
                    with lock:
                        done[0] += 1
        except Exception as error:  # noqa: BLE001 — every failure is counted, not raised
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "writers": writers,
        "writes_per_s": round(done[0] / elapsed, 1),
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "conflicts": conflicts[0],
    }
