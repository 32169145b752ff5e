"""`manage.py export_workspace SLUG FILE [--plan ID]`: the workspace as Koers workspace JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from koers.accounts.models import Workspace
from koers.plans.models import Plan
from koers.reports.workspace_json import export_workspace


class Command(BaseCommand):
    help = "Export a workspace (or one plan) as one JSON document (docs/workspace-format-v1)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("file", type=Path, help="where to write; - for standard output")
        parser.add_argument("--plan", type=int, help="export only this plan (its id)")

    def handle(self, *args, slug, file, plan, **options):
        workspace = Workspace.objects.filter(slug=slug).first()
        if workspace is None:
            raise CommandError(f"No workspace {slug!r}.")
        chosen = None
        if plan is not None:
            chosen = Plan.objects.filter(workspace=workspace, pk=plan).first()
            if chosen is None:
                raise CommandError(f"Workspace {slug!r} has no plan {plan}.")
        if str(file) == "-":
            for piece in export_workspace(workspace, chosen):
                self.stdout.write(piece, ending="")
            return
        with file.open("w", encoding="utf-8") as handle:
            for piece in export_workspace(workspace, chosen):
                handle.write(piece)
        self.stderr.write(f"Exported {workspace.slug} to {file}")
