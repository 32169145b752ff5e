"""Keep `Plan.revision` honest when plan content changes outside rules.py (e.g. the admin).

Not a workflow: the one job here is that a cached page can never outlive a change.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from koers.plans.models import Goal, Measure, Strategy
from koers.plans.rules import plan_id_of, touch_plan


@receiver(post_save, sender=Goal)
@receiver(post_save, sender=Strategy)
@receiver(post_save, sender=Measure)
@receiver(post_delete, sender=Goal)
@receiver(post_delete, sender=Strategy)
@receiver(post_delete, sender=Measure)
def plan_content_changed(sender, instance, **kwargs):
    touch_plan(plan_id_of(instance))
