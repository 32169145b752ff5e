"""Benchmark settings: production settings on a separate database, reachable over plain HTTP."""

import os

# The production settings refuse to start without a key when DEBUG is off.
os.environ.setdefault("SECRET_KEY", "koers-bench-only-key-not-for-production-0123456789abcdef")

from koers.settings import *  # noqa: F403
from koers.settings import BASE_DIR, DATABASES

DEBUG = False
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
BENCH_STATIC_DIR = BASE_DIR / "var" / "bench-static"
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = str(BASE_DIR / "var" / "bench.sqlite3")
