"""Time the workspace JSON export of the large workspace: `make bench-export`, and part of
`make bench`. The export runs as its own process (`manage.py export_workspace`), so its peak
memory is the export's alone, Django's start included."""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMITS = {"seconds": 10, "peak_mb": 300}


def measure(slug: str = "bench") -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.koers.json"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 — this Python, this project's manage.py
            [sys.executable, str(ROOT / "manage.py"), "export_workspace", slug, str(target)],
            env=env,
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        size = target.stat().st_size
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = after.ru_maxrss  # Linux: kilobytes
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),  # on a busy machine, wall time waits for a core
        "peak_mb": round(peak_kb / 1024, 1),
        "file_mb": round(size / 2**20, 1),
        "within_limits": seconds <= LIMITS["seconds"] and peak_kb / 1024 <= LIMITS["peak_mb"],
    }


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench import generate
    from koers.accounts.models import Workspace

    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    if not Workspace.objects.filter(slug=generate.SLUG).exists():
        print("Generating the large workspace (once; make bench rebuilds it)…")
        generate.generate()
    from django.db import connections

    connections.close_all()
    result = measure(generate.SLUG)
    print(
        f"workspace JSON export: {result['seconds']} s ({result['cpu_seconds']} s CPU), "
        f"peak {result['peak_mb']} MB, "
        f"file {result['file_mb']} MB (limits {LIMITS['seconds']} s, {LIMITS['peak_mb']} MB)"
    )


if __name__ == "__main__":
    main()
