"""Every goal and strategy measure is a KPI from the moment it exists, however it was created
(a form, a template, an import, a new version, next year's plan, the admin); and a KPI fed
from the plans below follows the links between plans."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from koers.dashboard import fed, services
from koers.plans.models import Goal, Measure, Plan, PlanLink


@receiver(post_save, sender=Goal)
@receiver(post_save, sender=Measure)
def item_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:  # raw: loaded from a fixture, which brings its own KPIs
        services.add_kpi(instance)


@receiver(post_save, sender=PlanLink)
@receiver(post_delete, sender=PlanLink)
def plans_relinked(sender, instance, raw=False, **kwargs):
    """A plan came under another or left it: the KPIs fed from the plans below count only the
    sources still below (koers.dashboard.fed). After the commit, because a link is also removed
    by deleting a plan or item, whose KPIs may be deleted in the same transaction."""
    if raw:
        return
    workspace_id = Plan.objects.filter(pk=instance.child_id).values_list("workspace_id").first()
    if workspace_id is not None:
        transaction.on_commit(lambda: fed.plans_relinked(workspace_id[0]))
