"""A large valid import: the time to preview and to commit a 10,000-row CSV through the import
page (Django test client, in-process), and whether another user's save meanwhile succeeds.

Runs on its own with `uv run --frozen python bench/run.py --only import`; builds its own
workspace ("bench-import") so it needs nothing else of the benchmark's data.
"""

import contextlib
import threading
import time
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from koers.accounts.models import Membership, Role, User, Workspace
from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement
from koers.lib.versioning import StaleEdit, save_versioned
from koers.plans.models import Goal, Plan

SLUG = "bench-import"
KPIS = 50
MONTHS = 200  # 50 KPIs x 200 months = 10,000 rows


def _workspace():
    Workspace.objects.filter(slug=SLUG).delete()
    User.objects.filter(username__startswith="bench-import-").delete()
    workspace = Workspace.objects.create(name="Import benchmark", slug=SLUG)
    users = [
        User.objects.create(username=f"bench-import-{i}", password="md5$bench$0") for i in (1, 2)
    ]
    for user in users:
        Membership.objects.create(workspace=workspace, user=user, role=Role.OGSM_OWNER)
    plan = Plan.objects.create(
        workspace=workspace,
        name="Import",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    Goal.objects.bulk_create(
        Goal(plan=plan, title=f"Goal {i}", target_value=Decimal(100), position=i)
        for i in range(KPIS)
    )
    services.ensure_kpis(plan)
    return plan, users


def _csv(kpis, months, offset) -> bytes:
    lines = ["kpi_id,kpi,period,value,note"]
    for kpi in kpis:
        for i, month in enumerate(months):
            lines.append(f"{kpi.pk},{kpi.name},{month:%Y-%m},{i + offset}.5,bench")
    return ("\n".join(lines) + "\n").encode()


def _writer(goal_id: int, stop: threading.Event, outcome: dict) -> None:
    """Another user saving a goal, again and again, while the import runs."""
    try:
        while not stop.is_set():
            goal = Goal.objects.get(pk=goal_id)
            goal.title = f"Goal renamed {outcome['saves']}"
            started = time.perf_counter()
            with contextlib.suppress(StaleEdit):  # a conflict is an answer, not a failure
                save_versioned(goal, ["title"], goal.version)
            outcome["longest_wait_ms"] = max(
                outcome["longest_wait_ms"], round((time.perf_counter() - started) * 1000, 1)
            )
            outcome["saves"] += 1
            time.sleep(0.01)
    except Exception as error:  # noqa: BLE001 — the point is to report any failure
        outcome["errors"].append(repr(error))
    finally:
        connection.close()


def _timed_post(client, url, data, writer_goal) -> tuple[float, dict, int]:
    outcome = {"saves": 0, "errors": [], "longest_wait_ms": 0.0}
    stop = threading.Event()
    thread = threading.Thread(target=_writer, args=(writer_goal, stop, outcome))
    thread.start()
    time.sleep(0.05)
    started = time.perf_counter()
    response = client.post(url, data)
    elapsed = round(time.perf_counter() - started, 2)
    time.sleep(0.05)
    stop.set()
    thread.join()
    return elapsed, outcome, response.status_code


def measure() -> dict:
    plan, (importer, _other) = _workspace()
    kpis = list(services.in_plan_order(plan).select_related("goal"))
    months = [date(2000 + i // 12, i % 12 + 1, 1) for i in range(MONTHS)]
    client = Client()
    client.force_login(importer)
    url = reverse("dashboard:import", args=[SLUG, plan.pk])
    writer_goal = Goal.objects.filter(plan=plan).values_list("pk", flat=True).first()
    results = {"rows": len(kpis) * len(months)}
    # First into empty periods (all inserts), then the same periods again (all updates).
    for label, offset in (("new", 0), ("update", 1)):
        upload = SimpleUploadedFile("figures.csv", _csv(kpis, months, offset))
        preview_s, preview_writer, preview_status = _timed_post(
            client, url, {"file": upload}, writer_goal
        )
        commit_s, commit_writer, commit_status = _timed_post(
            client, url, {"confirm": "1"}, writer_goal
        )
        assert preview_status == 200 and commit_status == 302, (preview_status, commit_status)
        results[label] = {
            "preview_s": preview_s,
            "commit_s": commit_s,
            "writer_saves": preview_writer["saves"] + commit_writer["saves"],
            "writer_errors": preview_writer["errors"] + commit_writer["errors"],
            "writer_longest_wait_ms": max(
                preview_writer["longest_wait_ms"], commit_writer["longest_wait_ms"]
            ),
        }
    stored = Measurement.objects.filter(kpi__in=Kpi.objects.filter(plan=plan)).count()
    assert stored == results["rows"], (stored, results["rows"])
    return results


def report(results: dict) -> None:
    print(f"Import of {results['rows']:,} rows (target: preview and commit <= 2 s each)")
    for label in ("new", "update"):
        row = results[label]
        print(
            f"  {label:<7} preview {row['preview_s']:>5} s   commit {row['commit_s']:>5} s   "
            f"other user's saves meanwhile: {row['writer_saves']}, errors: "
            f"{len(row['writer_errors'])}, longest wait {row['writer_longest_wait_ms']} ms"
        )
        for error in row["writer_errors"][:3]:
            print(f"    {error}")
