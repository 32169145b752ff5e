"""Run hourly (cron): hand every KPI feed that is due to the task worker."""

from django.core.management.base import BaseCommand

from koers.reports.tasks import enqueue_due_feeds


class Command(BaseCommand):
    help = "Queue a fetch for every KPI whose file at a URL is due (the task worker fetches)."

    def handle(self, *args, **options):
        self.stdout.write(f"KPI feeds queued: {enqueue_due_feeds()}")
