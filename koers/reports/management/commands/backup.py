"""`manage.py backup FILE`: a consistent copy of the database, safe while Koers runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from koers.reports.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent copy of the Koers database to FILE while Koers keeps running."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {file}")
