"""Every goal and strategy measure is a KPI from the moment it exists, however it was created
(a form, a template, an import, a new version, next year's plan, the admin)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from koers.dashboard import services
from koers.plans.models import Goal, Measure


@receiver(post_save, sender=Goal)
@receiver(post_save, sender=Measure)
def item_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:  # raw: loaded from a fixture, which brings its own KPIs
        services.add_kpi(instance)
