"""`manage.py check --database default`: stored numbers outside their column (see check_numbers)."""

from django.apps import apps
from django.core import checks
from django.db import connections

from koers.lib.numbers import out_of_range


@checks.register(checks.Tags.database)
def stored_numbers_fit_their_columns(app_configs=None, databases=None, **kwargs):
    found = []
    for alias in databases or []:
        for model in apps.get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            for pk, name, raw in out_of_range(connections[alias], model):
                found.append(
                    checks.Warning(
                        f"{model._meta.label} #{pk} {name} = {raw} is outside its column's range; "
                        "pages, exports and dumpdata that read it fail.",
                        hint="Correct it (manage.py check_numbers lists them all).",
                        obj=model,
                        id="dashboard.W001",
                    )
                )
    return found
