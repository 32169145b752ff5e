"""Permission-matrix rows of the dashboard (see tests/test_permission_matrix.py)."""

from datetime import date
from decimal import Decimal

from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement
from tests.matrix import EDIT_GET, EDIT_POST, READ, P

FIGURES = (302, 404, 403, 200, 200, 200)  # members enter figures, viewers only read

ROWS = {
    "dashboard:overview": ("get", ("slug",), None, READ),
    "dashboard:portfolio": ("get", ("slug",), None, READ),
    "dashboard:dashboard": ("get", P, None, READ),
    "dashboard:grid": ("get", P, None, FIGURES),
    "dashboard:import": ("get", P, None, FIGURES),
    "dashboard:export": ("get", (*P, "export_format"), None, READ),
    "dashboard:kpi": ("get", (*P, "kpi"), None, READ),
    "dashboard:measurement": ("get", (*P, "kpi", "measurement"), None, FIGURES),
    "dashboard:milestone": ("post", (*P, "kpi"), {"period": "2027-06", "value": "5"}, EDIT_POST),
    "dashboard:kpi_roll_up": ("get", (*P, "kpi"), None, EDIT_GET),
}


def objects(world):
    from koers.plans.models import Plan

    services.ensure_kpis(Plan.objects.get(pk=world["plan"]))
    kpi = Kpi.objects.filter(plan_id=world["plan"]).first()
    figure = Measurement.objects.create(kpi=kpi, period=date(2027, 1, 1), value=Decimal(3))
    return {"kpi": kpi.pk, "measurement": figure.pk, "export_format": "csv"}


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
POSTS = {
    "dashboard:grid": ({}, (302, 404, 403, 302, 302, 302)),
    "dashboard:import": ({}, (302, 404, 403, 200, 200, 200)),
    "dashboard:kpi": ({}, (302, 404, 403, 403, 403, 422)),
    "dashboard:measurement": ({}, (302, 404, 403, 200, 200, 200)),
    "dashboard:kpi_roll_up": ({}, (302, 404, 403, 403, 403, 422)),
}
