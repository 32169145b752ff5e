"""The policy header is built once, and is exactly django-csp's; a response with its own policy
still gets the library's treatment."""

from csp.decorators import csp_exempt, csp_update
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from koers.core.csp import CSPMiddleware


def serve(view):
    request = RequestFactory().get("/")
    middleware = CSPMiddleware(view)
    middleware.process_request(request)
    return middleware.process_response(request, view(request))


def plain(request):
    return HttpResponse("ok")


def test_a_plain_response_gets_the_librarys_policy():
    assert serve(plain)["Content-Security-Policy"] == build_policy()


def test_a_view_with_its_own_policy_keeps_it():
    widened = csp_update({"img-src": "https://maps.example.com"})(plain)
    header = serve(widened)["Content-Security-Policy"]
    assert "img-src 'self' data: https://maps.example.com" in header
    assert "Content-Security-Policy" not in serve(csp_exempt()(plain))


def test_a_changed_setting_changes_the_header():
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        assert serve(plain)["Content-Security-Policy"] == "default-src 'none'"
    assert serve(plain)["Content-Security-Policy"] == build_policy()
