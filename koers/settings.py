"""Koers settings: everything that differs between machines comes from the environment."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from koers.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
# A fixed development key keeps `make run` (DEBUG=true) a single command. Without DEBUG the
# server refuses to start on it: sessions, CSRF tokens and reset links signed with a key
# printed in the source could be forged by anyone.
SECRET_KEY = env_str("SECRET_KEY") or ("koers-insecure-development-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production (DEBUG off) needs a long random SECRET_KEY in the"
        " environment, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        " For development run with DEBUG=true (make run)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Links in mail need the address people reach Koers on. When SITE_URL is not set, links made
# while answering a request (invitations) use that request's address instead of this default.
SITE_URL_SET = bool(env_str("SITE_URL"))
SITE_URL = (env_str("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "koers.core",
    "koers.accounts",
    "koers.plans",
    "koers.actions",
    "koers.meetings",
    "koers.dashboard",
    "koers.analysis",
    "koers.history",
    # apps:analysis
    "koers.reports",
    "koers.api",
    "koers.webhooks",
    "koers.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "koers.accounts.middleware.UserLanguageMiddleware",
    # Back to the server's time zone around each request; the doors set the workspace's.
    "koers.accounts.zones.ZoneMiddleware",
    "koers.history.context.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "koers.core.csp.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes last, as its docs ask: it turns lockouts raised during login into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "koers.urls"
WSGI_APPLICATION = "koers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "koers" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
SQLITE_PATH = env_str("SQLITE_PATH", str(BASE_DIR / "var" / "koers.sqlite3"))
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue on busy_timeout instead of failing halfway with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            " PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_PATH") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "koers.accounts.backends.UsernameOrEmailBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "meetings:landing"  # My work when something is asked of me
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins are counted three ways, each with its own limit (koers/accounts/throttle.py):
# one account from one address, one account from any address (a distributed guess), and one
# address at any account (spraying many names). A lock-out lasts LOGIN_COOLOFF_MINUTES.
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
LOGIN_LIMITS = {
    "username+ip_address": AXES_FAILURE_LIMIT,
    "username": env_int("LOGIN_ACCOUNT_FAILURE_LIMIT", 10),
    "ip_address": env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20),
}
AXES_HANDLER = "koers.accounts.throttle.LoginThrottle"
AXES_CLIENT_IP_CALLABLE = "koers.accounts.throttle.client_address"
PASSWORD_RESET_LIMIT = env_int("PASSWORD_RESET_LIMIT", 3)
PASSWORD_RESET_WINDOW_MINUTES = env_int("PASSWORD_RESET_WINDOW_MINUTES", 60)
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "koers.accounts.backends.lockout_name"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_ENGINE = "koers.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "koers" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True
# One date format per language ("21 Dec 2026", "21 dec 2026"), for pages, PDFs, e-mails and
# decisions alike; Python code formats dates through koers.lib.dates.
FORMAT_MODULE_PATH = ["koers.formats"]

# --- Static files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail --------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Koers <koers@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work ---------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

INVITE_VALID_DAYS = env_int("INVITE_VALID_DAYS", 14)

# Uploads (imports) are capped before parsing (koers/lib/uploads.py): the file, what a workbook
# unpacks to, and the rows and columns read.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 2 * 2**20)
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("IMPORT_MAX_UNCOMPRESSED_BYTES", 30 * 2**20)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 50)
FILE_UPLOAD_HANDLERS = ["koers.lib.uploads.CappedUploadHandler"]  # an oversized file is not kept
# Workspace JSON import (koers.reports.workspace_import): refused above these, before parsing.
WORKSPACE_IMPORT_MAX_MB = env_int("WORKSPACE_IMPORT_MAX_MB", 50)
WORKSPACE_IMPORT_MAX_ROWS = env_int("WORKSPACE_IMPORT_MAX_ROWS", 500_000)
# KPI feeds (koers.reports.feeds): never to internal addresses unless this allows it.
KPI_FEED_ALLOW_PRIVATE = env_bool("KPI_FEED_ALLOW_PRIVATE", default=False)
KPI_FEED_TIMEOUT_SECONDS = env_int("KPI_FEED_TIMEOUT_SECONDS", 10)
# What the upload handler keeps of a file: the most any importer accepts; each importer then
# refuses a larger file by its own limit (a table, a workspace file).
UPLOAD_KEEP_BYTES = max(IMPORT_MAX_BYTES, WORKSPACE_IMPORT_MAX_MB * 2**20)

# Rendered pages are cached on the revision of their data (koers/lib/pagecache.py): in each
# process's memory, and in files the workers of one gunicorn server share
# (koers/lib/sharedfiles.py; PAGE_CACHE_DIR empty turns that level off).
CACHES = {
    "default": {
        "BACKEND": "koers.lib.memorycache.BoundedMemoryCache",
        "OPTIONS": {
            "MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 5000),
            "MAX_BYTES": env_int("PAGE_CACHE_MB", 48) * 2**20,
            # Set by gunicorn for its workers (gunicorn.conf.py, from PAGE_CACHE_DIR).
            "SHARED_DIR": env_str("KOERS_SHARED_PAGE_CACHE") or None,
            "SHARED_BYTES": env_int("PAGE_CACHE_SHARED_MB", 256) * 2**20,
        },
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# REST API (koers.api): calls per minute per personal access token; 0 switches the limit off.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120)
NINJA_PAGINATION_MAX_LIMIT = 200

# Personal update links of the e-mails (koers.meetings.links): requests per minute per address,
# and refused links per ten minutes per address; 0 switches a limit off.
UPDATE_LINK_RATE_LIMIT = env_int("UPDATE_LINK_RATE_LIMIT", 60)
UPDATE_LINK_FAILURE_LIMIT = env_int("UPDATE_LINK_FAILURE_LIMIT", 10)
# Replies by e-mail (koers.meetings.inbound, `manage.py receive_mail`): the address the request
# mails are answered to, as "updates@example.org"; each mail replies to updates+<token>@…,
# so the mail server must deliver plus-addresses to it. Empty: no reply address.
UPDATE_REPLY_ADDRESS = env_str("UPDATE_REPLY_ADDRESS", "")
INBOUND_MAIL_MAX_BYTES = env_int("INBOUND_MAIL_MAX_BYTES", 2 * 2**20)
# The inbound-mail endpoint (POST /mail/inbound/, koers.meetings.views.inbound) for services
# that post each received mail: off until this shared secret is set; requests per minute per
# address (0: no limit).
INBOUND_MAIL_SECRET = env_str("INBOUND_MAIL_SECRET", "")
INBOUND_MAIL_RATE_LIMIT = env_int("INBOUND_MAIL_RATE_LIMIT", 120)

# Webhooks (koers.webhooks) never call internal network addresses unless this allows it.
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", False)

# Single sign-on with OpenID Connect (koers.accounts.oidc): on when OIDC_ISSUER is set.
OIDC_ISSUER = env_str("OIDC_ISSUER", "").rstrip("/")
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
SSO_BUTTON_LABEL = env_str("SSO_BUTTON_LABEL", "")
SSO_PASSWORD_LOGIN = env_bool("SSO_PASSWORD_LOGIN", True)  # false: SSO instead of passwords
SSO_AUTO_JOIN = env_list("SSO_AUTO_JOIN")  # "example.com=acme:member,…"
if OIDC_ISSUER:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "koers.accounts.oidc.Backend"]

# `lib.keptrows.Rows.of` builds each query once per process; the test suite builds it again on
# every use and fails when the SQL differs (a build that read the clock or the database).
KEPT_QUERIES_CHECKED = False
