"""Keep `Plan.revision` honest when figures change outside the services (e.g. the admin).

Not a workflow: the one job here is that a cached dashboard can never outlive a change.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from koers.dashboard.models import Kpi, KpiTarget, Measurement
from koers.plans.rules import touch_plan


@receiver(post_save, sender=Measurement)
@receiver(post_delete, sender=Measurement)
@receiver(post_save, sender=KpiTarget)
@receiver(post_delete, sender=KpiTarget)
def figures_changed(sender, instance, **kwargs):
    touch_plan(instance.kpi.plan_id)


@receiver(post_save, sender=Kpi)
def kpi_changed(sender, instance, **kwargs):
    touch_plan(instance.plan_id)
