"""`make bench`'s live session (alone: `bench/run.py --only live`): 16 readers keep opening the
session page, the action list and the dashboard over HTTP (gunicorn, 2 workers) while one writer
posts an action update or a session decision every second, as during a session. Every write bumps
the workspace revision, so many reads are fresh renders: the readers' median and p95 are what
people feel, and the share of fresh renders (the page cache's misses) says how many there were."""

import statistics
import threading
import time
import urllib.request
from datetime import timedelta

from django.db import connection
from django.urls import reverse

from bench import throughput
from koers.actions import rules as action_rules
from koers.actions.models import Action, Status
from koers.lib.pagecache import CACHE_HEADER
from koers.meetings import decisions as meeting_decisions

READERS = 16
SECONDS = 20.0


def measure(data, readers: int = READERS, seconds: float = SECONDS) -> dict:
    slug, plan, session = data["workspace"].slug, data["plans"][0], data["sessions"][0]
    base = f"http://127.0.0.1:{throughput.PORT}"
    urls = [
        base + reverse("meetings:detail", args=[slug, plan.pk, session.pk]),
        base + reverse("actions:list", args=[slug, plan.pk]),
        base + reverse("dashboard:dashboard", args=[slug, plan.pk]),
    ]
    # Sixteen different people: each has their own copy of a page, as in a real session.
    cookies = [throughput._session_cookie(user) for user in data["users"][:readers]]
    server = throughput._start_gunicorn()
    try:
        _wait_until_up(urls[0], cookies[0])
        for cookie in cookies:  # each person has opened the pages once before the session
            for url in urls:
                _get(url, cookie)
        return _run(urls, cookies, data, plan, session, seconds)
    finally:
        server.terminate()
        server.wait(timeout=20)


def _run(urls, cookies, data, plan, session, seconds) -> dict:
    durations, errors, fresh = [], [], [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def reader(index: int) -> None:
        turn = index
        while time.perf_counter() < stop:
            url = urls[turn % len(urls)]
            turn += 1
            started = time.perf_counter()
            try:
                status, header = _get(url, cookies[index])
            except Exception as error:  # noqa: BLE001 — every failure is counted
                with lock:
                    errors.append(repr(error))
                continue
            with lock:
                durations.append((time.perf_counter() - started) * 1000)
                fresh[0] += header == "miss"
                if status != 200:
                    errors.append(f"{url}: {status}")

    writes = [0]

    def writer() -> None:
        actions = list(
            Action.objects.filter(strategy__plan=plan, archived_at__isnull=True)
            .exclude(status=Status.DONE)
            .order_by("pk")[:20]
        )
        owner = data["owner"]
        try:
            while time.perf_counter() < stop:
                action = actions[writes[0] % len(actions)]
                action.refresh_from_db()
                if writes[0] % 2:
                    due = (action.due_date or session.starts_at.date()) + timedelta(days=7)
                    meeting_decisions.decide_adjustment(
                        session, owner, action, action.version, due_date=due
                    )
                else:
                    colour = ["green", "orange", "red"][writes[0] % 3]
                    action_rules.post_update(action, owner, did="Live", progress=50, colour=colour)
                writes[0] += 1
                time.sleep(1.0)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(len(cookies))]
    threads.append(threading.Thread(target=writer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    durations.sort()
    return {
        "readers": len(cookies),
        "seconds": seconds,
        "writes": writes[0],
        "reads": len(durations),
        "median_ms": round(statistics.median(durations), 1) if durations else None,
        "p95_ms": round(durations[int(len(durations) * 0.95) - 1], 1) if durations else None,
        "fresh_pct": round(100 * fresh[0] / len(durations), 1) if durations else None,
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
    }


def _get(url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    opener = urllib.request.build_opener(throughput._NoRedirect)
    with opener.open(request, timeout=60) as response:
        response.read()
        return response.status, response.headers.get(CACHE_HEADER, "")


def _wait_until_up(url: str, cookie: str) -> None:
    for _ in range(100):
        try:
            _get(url, cookie)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def report(results: dict) -> None:
    print(
        f"Live session: {results['readers']} readers, {results['writes']} writes in "
        f"{results['seconds']:.0f} s: {results['reads']} reads, median {results['median_ms']} ms, "
        f"p95 {results['p95_ms']} ms, fresh renders {results['fresh_pct']} %, "
        f"errors {results['errors']}"
    )
