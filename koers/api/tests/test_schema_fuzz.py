"""Schemathesis against /api/openapi.json with a token: no 5xx, responses match the schema.

The path parameters are set to the test plan's real rows, so the generated query strings and
bodies reach the handlers (random ids would only ever meet the door's 404). Examples per
operation are bounded by SCHEMATHESIS_EXAMPLES (default 15) to keep CI quick.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "15"))
KEYS = {
    "slug": "slug",
    "plan_id": "plan",
    "action_id": "action",
    "update_id": "request",
    "kpi_id": "kpi",
    "session_id": "session",
}


@pytest.fixture
def owner_token(world, users, token_for, settings):
    settings.API_RATE_LIMIT = 0
    return token_for(users["owner"])


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """A WSGI request closes the database connection at its end; the test's transaction must
    survive it, as it does for Django's test client."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db(transaction=False)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_schema(case, world, owner_token):
    for name in case.path_parameters or {}:
        case.path_parameters[name] = world[KEYS[name]]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {owner_token}"},
        checks=[not_a_server_error, response_schema_conformance, status_code_conformance],
    )
