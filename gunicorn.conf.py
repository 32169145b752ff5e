"""gunicorn's settings for Koers, read from the working directory by `make serve`, `make start`
and `make bench`, so the bench measures what is deployed. The environment overrides them."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads per worker: while one renders a page afresh, the others go on serving cached copies.
threads = int(os.environ.get("WEB_THREADS", "1"))
