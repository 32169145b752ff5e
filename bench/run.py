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

from bench import export, generate, imports, pages, throughput  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def time_page(client: Client, url: str, repeat: int = REPEAT, headers=None) -> dict:
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
        start = time.perf_counter()
        client.get(url, **headers)
        durations.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(durations), 1)


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
    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    data = generate.generate()
    for name, row in time_member_pages(data).items():
        print(name, json.dumps(row))


def main() -> None:
    if sys.argv[1:3] == ["--only", "import"]:
        only_import()
        return
    if sys.argv[1:3] == ["--only", "my_updates"]:
        only_my_updates()
        return
    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    # Start from empty tables: flush truncates, where deleting row by row would fire signals.
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    data = generate.generate()
    built_s = round(time.perf_counter() - started, 1)
    client = Client()
    client.force_login(data["owner"])
    results = {"generated_in_s": built_s, "pages": {}}
    for name, url, repeat in pages.main_pages(data):
        headers = {"HTTP_HX_REQUEST": "true"} if name.endswith("_htmx") else {}
        results["pages"][name] = time_page(client, url, repeat, headers)
    results["pages"].update(time_member_pages(data))
    latency_pages = [
        (name, url) for name, url, _repeat in pages.main_pages(data) if not name.endswith("_htmx")
    ]
    results.update(throughput.measure(data, pages.throughput_pages(data), latency_pages))
    results["import"] = imports.measure()
    results["workspace_json_export"] = export.measure(generate.SLUG)
    out = ROOT / "bench" / "results" / "latest.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"Large workspace generated in {built_s} s")
    latency = results.get("latency_16_clients") or {}
    print(
        "One client (Django test client): a fresh rendering (cache emptied), then repeated views"
        " | 16 concurrent clients (wrk, gunicorn 2 workers)"
    )
    print(
        f"{'page':<28}{'fresh ms':>9}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'bytes':>10}"
        f"{'c16 median':>12}{'c16 p95':>10}"
    )
    for name, row in results["pages"].items():
        busy = latency.get(name, {})
        print(
            f"{name:<28}{row['fresh_ms']:>9}{row['median_ms']:>10}{row['p95_ms']:>10}"
            f"{row['queries']:>9}{row['bytes']:>10}"
            f"{busy.get('median_ms', '-'):>12}{busy.get('p95_ms', '-'):>10}"
        )
    for key, value in results.items():
        if key not in ("pages", "latency_16_clients", "import"):
            print(f"{key}: {value}")
    imports.report(results["import"])
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
