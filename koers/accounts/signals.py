"""Keep `Workspace.people_revision` honest, wherever people change (views, admin, commands).

Not a workflow: the one job here is that a cached page never shows an old name or member list.
"""

from django.contrib.auth import get_user_model
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from koers.accounts.models import Membership, Workspace

# Saves touching only these fields (a login, a new password) change nothing anyone else sees.
INVISIBLE_FIELDS = frozenset({"last_login", "password", "language"})


def bump_people_revision(**filters) -> None:
    Workspace.objects.filter(**filters).update(people_revision=F("people_revision") + 1)


@receiver(post_save, sender=get_user_model())
def person_changed(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and set(update_fields) <= INVISIBLE_FIELDS):
        return
    bump_people_revision(memberships__user=instance)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def membership_changed(sender, instance, **kwargs):
    bump_people_revision(pk=instance.workspace_id)
