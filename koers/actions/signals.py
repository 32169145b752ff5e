"""Keep `Plan.revision` honest when the action plan changes outside rules.py (e.g. the admin).

Not a workflow: the one job here is that a cached page can never outlive a change.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from koers.actions.models import Action, ActionUpdate, DefinitionOfDone, StrategyUpdate
from koers.plans.rules import touch_plan


@receiver(post_save, sender=Action)
@receiver(post_delete, sender=Action)
def action_changed(sender, instance, **kwargs):
    touch_plan(instance.strategy.plan_id)


@receiver(m2m_changed, sender=Action.co_owners.through)
def co_owners_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Action):
        touch_plan(instance.strategy.plan_id)


@receiver(post_save, sender=ActionUpdate)
@receiver(post_delete, sender=ActionUpdate)
def update_changed(sender, instance, **kwargs):
    touch_plan(instance.action.strategy.plan_id)


@receiver(post_save, sender=StrategyUpdate)
@receiver(post_save, sender=DefinitionOfDone)
def plan_part_changed(sender, instance, **kwargs):
    plan_id = instance.plan_id if hasattr(instance, "plan_id") else instance.strategy.plan_id
    touch_plan(plan_id)
