"""Open invitations lapse at midnight in their workspace's time zone, as new ones do
(koers.accounts.services.invite_expiry): each is moved to the end of its last day, never earlier."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def to_midnight(apps, schema_editor):
    invite_model = apps.get_model("accounts", "Invite")
    workspace_model = apps.get_model("accounts", "Workspace")
    open_invites = invite_model.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("workspace")
    touched = set()
    for invite in open_invites:
        local = timezone.localtime(invite.expires_at, ZoneInfo(invite.workspace.time_zone))
        if local.time() == time.min:
            continue
        midnight = datetime.combine(local.date() + timedelta(days=1), time.min, local.tzinfo)
        invite_model.objects.filter(pk=invite.pk).update(expires_at=midnight)
        touched.add(invite.workspace_id)
    # Pages name invited owners: their cached copies go (no signal reaches this code).
    workspace_model.objects.filter(pk__in=touched).update(revision=F("revision") + 1)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_plan_revision")]

    operations = [migrations.RunPython(to_midnight, migrations.RunPython.noop)]
