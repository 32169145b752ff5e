"""gunicorn's settings for Koers, read from the working directory by `make serve`, `make start`
and `make bench`, so the bench measures what is deployed. The environment overrides them."""

import os
from pathlib import Path

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads per worker: while one renders a page afresh, the others go on serving cached copies.
threads = int(os.environ.get("WEB_THREADS", "1"))


def on_starting(server):
    """Start the page cache the workers share (koers/lib/sharedfiles.py) empty, and let them use
    it: it lives as long as this server, so no page from before a restart (before a backup was
    restored, say) is ever read. `PAGE_CACHE_DIR` empty: each worker keeps its own only."""
    from koers.lib import sharedfiles  # the standard library only: no Django in this process

    directory = os.environ.get("PAGE_CACHE_DIR", str(Path(__file__).parent / "var" / "pagecache"))
    if directory:
        sharedfiles.empty(directory)
        os.environ["KOERS_SHARED_PAGE_CACHE"] = directory  # the workers inherit it
