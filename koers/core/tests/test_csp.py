"""Every response carries the policy of the settings, exactly as django-csp builds it."""

from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from koers.core.csp import CSPMiddleware


def serve(view, path="/"):
    request = RequestFactory().get(path)
    return CSPMiddleware(view)(request)


def plain(request):
    return HttpResponse("ok")


def test_a_plain_response_gets_the_librarys_policy():
    assert serve(plain)["Content-Security-Policy"] == build_policy()


def test_a_response_that_set_its_own_header_keeps_it():
    def own(request):
        response = HttpResponse("ok")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    assert serve(own)["Content-Security-Policy"] == "default-src 'none'"


def test_a_changed_setting_changes_the_header():
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        assert serve(plain)["Content-Security-Policy"] == "default-src 'none'"
    assert serve(plain)["Content-Security-Policy"] == build_policy()


def test_a_report_only_policy_and_excluded_paths_follow_the_settings():
    policy = {"DIRECTIVES": {"default-src": ["'self'"]}, "EXCLUDE_URL_PREFIXES": ["/hooks/"]}
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=policy):
        assert serve(plain)["Content-Security-Policy-Report-Only"] == "default-src 'self'"
        assert "Content-Security-Policy-Report-Only" not in serve(plain, "/hooks/x")
    assert "Content-Security-Policy-Report-Only" not in serve(plain)


def test_the_real_pages_carry_the_policy(client):
    response = client.get("/accounts/login/")
    assert response["Content-Security-Policy"] == build_policy()
