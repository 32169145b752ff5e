"""Every goal and strategy measure gets its KPI when it is created; this makes the ones the
dashboard used to create on first sight (a page that wrote while being read)."""

from django.db import migrations
from django.db.models import F


def create_missing_kpis(apps, schema_editor):
    goal_model = apps.get_model("plans", "Goal")
    measure_model = apps.get_model("plans", "Measure")
    kpi_model = apps.get_model("dashboard", "Kpi")
    workspace_model = apps.get_model("accounts", "Workspace")
    new = [
        kpi_model(
            plan_id=g.plan_id,
            goal_id=g.pk,
            unit=g.target_unit,
            target_value=g.target_value,
            target_date=g.target_date or g.plan.end_date,
        )
        for g in goal_model.objects.filter(kpi__isnull=True, retired_at__isnull=True)
        .select_related("plan")
    ]
    new += [
        kpi_model(
            plan_id=m.strategy.plan_id,
            measure_id=m.pk,
            unit=m.unit,
            target_value=m.target,
            target_date=m.strategy.plan.end_date,
            direction="lower" if m.direction == "lower" else "higher",
        )
        for m in measure_model.objects.filter(kpi__isnull=True, retired_at__isnull=True)
        .select_related("strategy__plan")
    ]
    kpi_model.objects.bulk_create(new, batch_size=500)
    # Pages cached before showed these items without their KPIs.
    plans = {k.plan_id for k in new}
    workspace_model.objects.filter(plans__in=plans).update(revision=F("revision") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0004_kpi_pending_owner"),
        ("plans", "0003_versions_and_retiring"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_missing_kpis, migrations.RunPython.noop)]
