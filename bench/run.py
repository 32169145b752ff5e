"""`make bench`: build a large workspace, then time the main pages and write results/latest.json."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import export, generate, imports, live, pages, throughput  # noqa: E402
from koers.reports import pdf  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def time_page(client: Client, url: str, repeat: int = REPEAT, headers=None, change=None) -> dict:
    headers = headers or {}
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    queries = len(ctx.captured_queries)  # read now: later connects clear the query log
    assert response.status_code == 200, (url, response.status_code)
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url, **headers)
        durations.append((time.perf_counter() - start) * 1000)
    durations.sort()
    return {
        "fresh_ms": fresh_ms(client, url, headers),
        "after_change_ms": after_change_ms(client, url, headers, change) if change else None,
        "median_ms": round(statistics.median(durations), 2),
        "p95_ms": round(durations[int(len(durations) * 0.95) - 1], 2),
        "queries": queries,
        "bytes": len(response.content),
    }


def fresh_ms(client: Client, url: str, headers: dict, repeat: int = 3) -> float:
    """Median time of a fresh rendering, as after any change: the page cache is emptied first."""
    durations = []
    for _ in range(repeat):
        cache.clear()
        pdf.forget_layouts()
        start = time.perf_counter()
        client.get(url, **headers)
        durations.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(durations), 1)


def after_change_ms(client: Client, url: str, headers: dict, change, repeat: int = 5) -> float:
    """Median time of the first view after one real change (an action update posted): what
    readers feel during a session. Unlike `fresh_ms`, caches are not emptied: whatever the change
    did not touch may still be served from them."""
    client.get(url, **headers)
    durations = []
    for _ in range(repeat):
        change()
        start = time.perf_counter()
        client.get(url, **headers)
        durations.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(durations), 1)


def one_change(data):
    """A function that posts an update to one of the bench plan's open actions, as the owner."""
    from koers.actions import rules
    from koers.actions.models import Action, Status

    action = (
        Action.objects.filter(strategy__plan=data["plans"][0], archived_at__isnull=True)
        .exclude(status=Status.DONE)
        .order_by("pk")
        .first()
    )
    colours = iter(["red", "orange", "green"] * 1000)
    # Each update says something new: a page kept under what it shows (a PDF under its HTML)
    # must not find the one from three updates ago.
    counts = iter(range(1, 3001))

    def change():
        action.refresh_from_db()
        did = f"Bench {next(counts)}"
        rules.post_update(action, data["owner"], did=did, progress=50, colour=next(colours))

    return change


def print_pages(results: dict) -> None:
    latency = results.get("latency_16_clients") or {}
    print(
        "One client (Django test client): a cold rendering (every cache emptied), the first view"
        " after one change, then repeated views | 16 concurrent clients (wrk, gunicorn 2 workers)"
    )
    print(
        f"{'page':<28}{'cold ms':>9}{'changed ms':>11}{'median ms':>10}{'p95 ms':>10}"
        f"{'queries':>9}{'bytes':>10}{'c16 median':>12}{'c16 p95':>10}"
    )
    for name, row in results["pages"].items():
        busy = latency.get(name, {})
        print(
            f"{name:<28}{row['fresh_ms']:>9}{row.get('after_change_ms') or '-':>11}"
            f"{row['median_ms']:>10}{row['p95_ms']:>10}{row['queries']:>9}{row['bytes']:>10}"
            f"{busy.get('median_ms', '-'):>12}{busy.get('p95_ms', '-'):>10}"
        )


def time_pages(data) -> dict:
    client = Client()
    client.force_login(data["owner"])
    change = one_change(data)
    pages_ = {}
    for name, url, repeat in pages.main_pages(data):
        headers = {"HTTP_HX_REQUEST": "true"} if name.endswith("_htmx") else {}
        pages_[name] = time_page(client, url, repeat, headers, change)
    return pages_


def build() -> tuple[dict, float]:
    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    # Start from empty tables: flush truncates, where deleting row by row would fire signals.
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    data = generate.generate()
    return data, round(time.perf_counter() - started, 1)


def only_pages() -> None:
    """`bench/run.py --only pages [name …]`: the page timings alone (no HTTP runs)."""
    data, built_s = build()
    wanted = set(sys.argv[3:])
    client = Client()
    client.force_login(data["owner"])
    change = one_change(data)
    results = {"generated_in_s": built_s, "pages": {}}
    for name, url, repeat in pages.main_pages(data):
        if wanted and name not in wanted:
            continue
        headers = {"HTTP_HX_REQUEST": "true"} if name.endswith("_htmx") else {}
        results["pages"][name] = time_page(client, url, repeat, headers, change)
    print_pages(results)
    out = ROOT / "bench" / "results" / "pages.json"
    out.write_text(json.dumps(results, indent=2))


def only_import() -> None:
    """`bench/run.py --only import`: the import figures alone, on the benchmark database."""
    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    results = imports.measure()
    imports.report(results)
    out = ROOT / "bench" / "results" / "import.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"Written to {out.relative_to(ROOT)}")


def time_member_pages(data) -> dict:
    client = Client()
    client.force_login(data["updater"])
    return {name: time_page(client, url, repeat) for name, url, repeat in pages.member_pages(data)}


def only_my_updates() -> None:
    """`bench/run.py --only my_updates`: build the large workspace, time the one-page update
    form of a member asked for 20 updates, and print it (written nowhere)."""
    data, _built_s = build()
    for name, row in time_member_pages(data).items():
        print(name, json.dumps(row))


def main() -> None:
    if sys.argv[1:3] == ["--only", "import"]:
        only_import()
        return
    if sys.argv[1:3] == ["--only", "my_updates"]:
        only_my_updates()
        return
    if sys.argv[1:3] == ["--only", "pages"]:
        only_pages()
        return
    if sys.argv[1:3] == ["--only", "live"]:
        data, _built_s = build()
        results = live.measure(data)
        live.report(results)
        (ROOT / "bench" / "results" / "live.json").write_text(json.dumps(results, indent=2))
        return
    data, built_s = build()
    results = {"generated_in_s": built_s, "pages": time_pages(data)}
    results["pages"].update(time_member_pages(data))
    latency_pages = [
        (name, url) for name, url, _repeat in pages.main_pages(data) if not name.endswith("_htmx")
    ]
    results.update(throughput.measure(data, pages.throughput_pages(data), latency_pages))
    results["live_session"] = live.measure(data)
    results["import"] = imports.measure()
    results["workspace_json_export"] = export.measure(generate.SLUG)
    out = ROOT / "bench" / "results" / "latest.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"Large workspace generated in {built_s} s")
    print_pages(results)
    for key, value in results.items():
        if key not in ("pages", "latency_16_clients", "import", "live_session"):
            print(f"{key}: {value}")
    live.report(results["live_session"])
    imports.report(results["import"])
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
