"""Run weekly (or daily: it is idempotent): queue the weekly digest for everyone who turned it
on and has not had this week's (koers.meetings.digest). The task worker sends them."""

from django.core.management.base import BaseCommand

from koers.meetings.tasks import queue_digests


class Command(BaseCommand):
    help = "Queue this week's digest e-mail for everyone who wants it and has not had it."

    def handle(self, *args, **options):
        self.stdout.write(f"digests queued: {queue_digests()}")
