"""`manage.py check_numbers`: find stored numbers outside what their column holds.

Such a value (written before numbers were bounded, or by hand in the database) makes every page,
export and `dumpdata` that reads it fail. This lists each one, by model, id and field, so it can
be corrected; it exits with an error when it found any (for a deployment check or cron).
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from koers.lib.numbers import out_of_range


class Command(BaseCommand):
    help = "Report stored numbers that are outside the range of their column."

    def handle(self, *args, **options):
        found = 0
        for model in apps.get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            for pk, name, raw in out_of_range(connection, model):
                found += 1
                self.stdout.write(f"{model._meta.label} #{pk} {name} = {raw}")
        if found:
            raise CommandError(
                f"{found} stored number(s) outside their column's range; correct them "
                "(e.g. in the admin or with an UPDATE) before exporting or dumping data."
            )
        self.stdout.write("All stored numbers fit their columns.")
