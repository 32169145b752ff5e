"""Run hourly (cron or a loop): open update rounds and send reminders that are due."""

from django.core.management.base import BaseCommand

from koers.meetings.tasks import run_due


class Command(BaseCommand):
    help = "Ask for updates N days before each session and remind those who have not answered."

    def handle(self, *args, **options):
        counts = run_due()
        self.stdout.write(
            f"update requests sent: {counts['requests']}, reminders sent: {counts['reminders']}"
        )
