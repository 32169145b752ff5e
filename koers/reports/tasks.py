"""Background work of the reports: KPI feeds (django-tasks; run `manage.py db_worker`)."""

from django_tasks import task

from koers.dashboard.models import Kpi
from koers.reports import feeds


@task()
def fetch_kpi_feed(kpi_id: int) -> bool:
    kpi = Kpi.objects.select_related("plan", "goal", "measure").filter(pk=kpi_id).first()
    if kpi is None or not kpi.feed_url:
        return False
    ok, _message = feeds.run_feed(kpi)
    return ok


def enqueue_due_feeds() -> int:
    due = feeds.due_feeds()
    for kpi in due:
        fetch_kpi_feed.enqueue(kpi.pk)
    return len(due)
