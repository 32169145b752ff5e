"""Real HTTP throughput (wrk against gunicorn, 2 workers) beside a static-file ceiling,
worker peak memory, and version-checked writes per second with 16 concurrent writers."""

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client

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


def _session_cookie(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _wrk(url: str, cookie: str | None = None) -> float:
    command = ["wrk", "-t2", "-c16", f"-d{DURATION}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"wrk saw {errors.group(1)} error responses for {url}")
    return float(match.group(1))


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


def measure(data, pages) -> dict:
    if not (shutil.which("wrk") and shutil.which("nginx")):
        return {"throughput": "wrk or nginx is not installed", "peak_rss_mb": None}
    static_dir = Path(settings.BENCH_STATIC_DIR)
    static_dir.mkdir(parents=True, exist_ok=True)
    client = Client()
    client.force_login(data["owner"])
    for name, url in pages:
        (static_dir / f"{name}.html").write_bytes(client.get(url).content)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "koers.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    static_server = _start_nginx(static_dir)
    try:
        time.sleep(3)
        cookie = _session_cookie(data["owner"])
        results = {}
        for name, url in pages:
            dynamic = _wrk(f"http://127.0.0.1:{PORT}{url}", cookie)
            static = _wrk(f"http://127.0.0.1:{STATIC_PORT}/{name}.html")
            results[name] = {
                "requests_per_s": dynamic,
                "static_requests_per_s": static,
                "ratio_pct": round(100 * dynamic / static, 2),
            }
        peak = _worker_peak_rss_mb(server.pid)
    finally:
        for process in (server, static_server):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
    return {"throughput": results, "peak_rss_mb": peak, "writes": concurrent_writes()}


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
