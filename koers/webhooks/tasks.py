"""Webhook deliveries run in the task worker (django-tasks), each try a task of its own."""

from django.db import transaction
from django_tasks import default_task_backend, task

from koers.webhooks import delivery as sending
from koers.webhooks.models import Delivery


@task()
def deliver(delivery_id: int) -> str:
    result = sending.attempt(delivery_id)
    if result is None:
        return "gone"
    if result.state == Delivery.State.RETRYING and default_task_backend.supports_defer:
        deliver.using(run_after=result.next_attempt_at).enqueue(delivery_id)
    return result.state


def enqueue_after_commit(delivery_ids) -> None:
    """Deliver once the change is committed: a rolled-back change announces nothing."""
    for pk in delivery_ids:
        transaction.on_commit(lambda pk=pk: deliver.enqueue(pk))
