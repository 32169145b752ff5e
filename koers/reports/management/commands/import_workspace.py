"""`manage.py import_workspace FILE --owner USERNAME`: a workspace JSON file as a new workspace."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from koers.reports.workspace_import import WorkspaceImportError, import_workspace, read_document


class Command(BaseCommand):
    help = "Create a new workspace from a Koers workspace JSON file; all of it or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--owner", required=True, help="username of the new OGSM owner")

    def handle(self, *args, file, owner, **options):
        user = get_user_model().objects.filter(username=owner).first()
        if user is None:
            raise CommandError(f"No user {owner!r}.")
        try:
            workspace = import_workspace(read_document(file.read_bytes()), user)
        except WorkspaceImportError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(f"Imported as workspace {workspace.slug}")
