"""Renaming a person changes every page that shows their name, in each of their workspaces.

Memberships, like all workspace content, bump the revision through koers.accounts.revision;
users belong to no single workspace, so their changes are followed here.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver

from koers.accounts.revision import touch_workspaces

# Saves touching only these fields (a login, a new password) change nothing anyone else sees.
INVISIBLE_FIELDS = frozenset({"last_login", "password", "language"})


@receiver(post_save, sender=get_user_model())
def person_changed(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and set(update_fields) <= INVISIBLE_FIELDS):
        return
    touch_workspaces(memberships__user=instance)
