"""Production without SITE_URL is a loud warning at start-up, not silently broken mail links."""

from django.core import checks
from django.test import override_settings

from tests.test_security import deploy_check

SECRET = "x" * 20 + "a-long-random-production-secret-9f8e7d6c5b4a"


def warnings_about_site_url():
    return [m for m in checks.run_checks() if m.id == "core.W001"]


@override_settings(DEBUG=False, SITE_URL_SET=False, SITE_URL="http://127.0.0.1:8000")
def test_production_without_site_url_warns_at_start_up():
    (warning,) = warnings_about_site_url()
    assert warning.level == checks.WARNING
    assert "SITE_URL" in warning.msg and "http://127.0.0.1:8000" in warning.msg


@override_settings(DEBUG=True, SITE_URL_SET=False)
def test_development_without_site_url_is_not_warned_about():
    assert warnings_about_site_url() == []


@override_settings(DEBUG=False, SITE_URL_SET=True, SITE_URL="https://koers.example")
def test_production_with_site_url_is_not_warned_about():
    assert warnings_about_site_url() == []


def test_check_deploy_shows_the_missing_site_url():
    result = deploy_check(SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "core.W001" in result.stderr + result.stdout
    assert "SITE_URL is not set" in result.stderr + result.stdout
