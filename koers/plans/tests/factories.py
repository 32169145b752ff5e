"""Plans for tests: a plan of the year 2027 in a workspace, with nothing in it yet."""

from datetime import date

from koers.plans.models import Plan


def make_plan(workspace, name, **fields) -> Plan:
    return Plan.objects.create(
        workspace=workspace,
        name=name,
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
        **fields,
    )
