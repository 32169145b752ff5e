"""`manage.py workspace_schema`: print the JSON Schema of the workspace format
(docs/workspace-format-v1.schema.json is its output, held equal by a test)."""

import json

from django.core.management.base import BaseCommand

from koers.reports.workspace_format import schema


class Command(BaseCommand):
    help = "Print the JSON Schema of the Koers workspace format."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(schema(), indent=2, ensure_ascii=False))
