"""Which changes are announced: signals on the apps' own saves, turned into deliveries.

The rules functions save with `update_fields`; the receivers read those to tell an update
posted from a request answered. Deliveries are created in the change's transaction and sent
after it commits (koers.webhooks.tasks).
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from koers.actions.models import Action, ActionUpdate
from koers.meetings.models import Session
from koers.webhooks.formats import body_for
from koers.webhooks.models import Delivery, Endpoint


def announce(workspace, event: str, data: dict, endpoints=None) -> list[Delivery]:
    """A delivery for every endpoint of the workspace that listens to `event`."""
    from koers.webhooks.tasks import enqueue_after_commit

    if endpoints is None:
        endpoints = [
            e for e in Endpoint.objects.filter(workspace_id=workspace.pk) if event in e.events
        ]
    if not endpoints:
        return []
    now = timezone.now()
    for endpoint in endpoints:
        endpoint.workspace = workspace
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(endpoint=e, event=event, body=body_for(e, event, data), created_at=now)
            for e in endpoints
        ]
    )
    enqueue_after_commit([d.pk for d in deliveries])
    return deliveries


def _link(name, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _action_data(action) -> dict:
    plan = action.strategy.plan
    return {
        "plan_id": plan.pk,
        "action_id": action.pk,
        "action": action.title,
        "url": _link("actions:detail", plan.workspace.slug, plan.pk, action.pk),
    }


def _has_endpoints(**path) -> bool:
    """One query from the saved row's own foreign key: most workspaces have no webhooks, and
    then a save costs nothing more than this."""
    return Endpoint.objects.filter(**path).exists()


@receiver(post_save, sender=ActionUpdate, dispatch_uid="webhooks:update")
def _update_saved(sender, instance, created, update_fields=None, **kwargs):
    if not _has_endpoints(workspace__plans__strategies__actions=instance.action_id):
        return
    action = instance.action
    workspace = action.strategy.plan.workspace
    if created:
        author = instance.author.display_name if instance.author else ""
        data = {
            **_action_data(action),
            "author": author,
            "progress": instance.progress,
            "colour": instance.colour,
            "did": instance.did,
            "next": instance.next,
            "need": instance.need,
        }
        announce(workspace, "update_posted", data)
        if instance.need_from_id:
            asked = instance.need_from.display_name
            announce(
                workspace,
                "request_asked",
                {**_action_data(action), "author": author, "need": instance.need, "asked": asked},
            )
    elif update_fields and "need_answered_at" in update_fields and instance.need_answered_at:
        by = instance.need_answered_by
        data = {
            **_action_data(action),
            "need": instance.need,
            "by": by.display_name if by else "",
        }
        announce(workspace, "request_answered", data)


@receiver(pre_save, sender=Action, dispatch_uid="webhooks:action-before")
def _action_before(sender, instance, update_fields=None, **kwargs):
    """Remember colour and status before a save that may change them (one small query)."""
    changing = instance.pk and update_fields and {"colour", "status"} & set(update_fields)
    if changing and _has_endpoints(workspace__plans__strategies=instance.strategy_id):
        instance._webhook_before = (
            Action.objects.filter(pk=instance.pk).values_list("colour", "status").first()
        )


@receiver(post_save, sender=Action, dispatch_uid="webhooks:action")
def _action_saved(sender, instance, **kwargs):
    before = instance.__dict__.pop("_webhook_before", None)
    if before is None or before == (instance.colour, instance.status):
        return  # unchanged, or a workspace without webhooks (see _action_before)
    workspace = instance.strategy.plan.workspace
    data = {
        **_action_data(instance),
        "colour": instance.colour,
        "status": instance.status,
        "previous_colour": before[0],
        "previous_status": before[1],
    }
    announce(workspace, "action_changed", data)


@receiver(post_save, sender=Session, dispatch_uid="webhooks:session")
def _session_saved(sender, instance, update_fields=None, **kwargs):
    if not (update_fields and "ended_at" in update_fields and instance.ended_at):
        return
    if not _has_endpoints(workspace__plans=instance.plan_id):
        return
    plan = instance.plan
    # Worded in each endpoint's language later (formats.decision_texts), as the minutes are.
    decisions = [{"summary": d.summary, "parts": d.parts} for d in instance.decisions.all()]
    data = {
        "plan_id": plan.pk,
        "plan": plan.name,
        "session_id": instance.pk,
        "kind": instance.kind,
        "decisions": decisions,
        "url": _link("meetings:minutes", plan.workspace.slug, plan.pk, instance.pk),
    }
    announce(plan.workspace, "session_ended", data)


def announce_version_activated(plan, version_label: str) -> None:
    """For the plans app to call once plan versions exist."""
    data = {"plan_id": plan.pk, "plan": plan.name, "version": version_label}
    announce(plan.workspace, "version_activated", data)


def send_test(endpoint) -> Delivery:
    data = {"workspace": endpoint.workspace.name, "url": settings.SITE_URL + "/"}
    return announce(endpoint.workspace, "test", data, endpoints=[endpoint])[0]
