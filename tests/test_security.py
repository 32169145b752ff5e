"""Security baseline: deploy checks, CSP and security headers, CSRF, error pages, hashing."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def deploy_check(**env):
    skip = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "SITE_URL")
    environment = {k: v for k, v in os.environ.items() if k not in skip}
    environment.update(
        DJANGO_SETTINGS_MODULE="koers.settings", DEBUG="false", ALLOWED_HOSTS="koers.example", **env
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    result = deploy_check(
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-9f8e7d6c5b4a",
        SITE_URL="https://koers.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_refuses_the_development_secret_key():
    result = deploy_check()
    assert result.returncode != 0 and "SECRET_KEY" in result.stdout + result.stderr


def test_passwords_are_hashed_with_argon2_in_production():
    import koers.settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_html_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for directive in [
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
    ]:
        assert directive in policy


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("accounts:login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_html_has_no_inline_scripts(login, plan, owner):
    html = login(owner).get(reverse("plans:detail", args=["acme", plan.pk])).content.decode()
    for chunk in html.split("<script")[1:]:
        assert "src=" in chunk.split(">")[0], "inline <script> found"


@pytest.mark.django_db
def test_posts_without_a_csrf_token_are_refused(plan, owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(reverse("plans:goal_new", args=["acme", plan.pk]), {"title": "X"})
    assert response.status_code == 403
    assert plan.goals.count() == 1


@pytest.mark.django_db
@pytest.mark.urls("tests.crash_urls")
def test_a_crash_shows_a_generic_error_page(client):
    client.raise_request_exception = False
    response = client.get("/crash/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in body and "secret internals" not in body


def test_session_cookie_is_httponly_and_secure_in_production():
    import koers.settings as production

    assert production.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def _start(**env):
    """Load the production settings in a fresh process, as gunicorn would."""
    skip = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "DEBUG")
    environment = {k: v for k, v in os.environ.items() if k not in skip}
    environment.update(DJANGO_SETTINGS_MODULE="koers.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_a_secret_key_refuses_to_start_with_a_clear_message():
    result = _start(DEBUG="false")
    assert result.returncode != 0 and "started" not in result.stdout
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY is not set" in result.stderr


def test_development_starts_without_a_secret_key():
    assert _start(DEBUG="true").stdout.strip() == "started"


def test_make_serve_runs_the_deploy_check_before_serving():
    dry_run = [shutil.which("make"), "-n", "serve"]
    commands = subprocess.run(dry_run, cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
    commands = commands.stdout
    assert "manage.py check --deploy --fail-level WARNING" in commands
    assert commands.index("check --deploy") < commands.index("gunicorn")
