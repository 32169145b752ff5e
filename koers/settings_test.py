"""Settings for the test suite: the production settings with fast hashing and local mail."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in live_server
# The production settings refuse to start without a key when DEBUG is off (as tests run).
os.environ.setdefault("SECRET_KEY", "koers-test-only-key-not-for-production-0123456789abcdef")

import tempfile
from pathlib import Path

from koers.settings import *  # noqa: F403
from koers.settings import BASE_DIR, DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: concurrency tests need SQLite's real locking (WAL, busy timeout);
    # an in-memory shared cache locks whole tables and ignores the timeout.
    # One file per process, so two test runs on one machine never share a database.
    test_db = Path(tempfile.gettempdir()) / f"koers-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(test_db)}

DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Test processes run side by side on databases that reuse primary keys: nothing shared (even
# when the suite is started from a gunicorn worker's environment).
CACHES["default"]["OPTIONS"]["SHARED_DIR"] = None  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TEST_OUTPUT_DIR = BASE_DIR / "test-output"
WEBHOOKS_ALLOW_PRIVATE = True  # the webhook tests' receiver listens on 127.0.0.1
KEPT_QUERIES_CHECKED = True  # lib.keptrows: every kept query is built again and compared
