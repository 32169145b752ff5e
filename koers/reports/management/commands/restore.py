"""`manage.py restore FILE`: check a backup and put it in place of the current database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from koers.reports.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Check FILE (an intact Koers backup) and replace the current database with it. "
        "Stop the web and task workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--noinput", action="store_true", help="Do not ask to confirm.")

    def handle(self, *args, file: Path, noinput: bool, **options):
        if not noinput:
            answer = input("This replaces every workspace in this Koers. Type yes: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored from {file}")
