"""Trend scores kept over time; every trend starts with its current scores, dated from the
change log's last change of a score when it has one, else from when the trend was recorded."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

SCORES = ("urgency", "impact", "unpredictability")


def seed_current_scores(apps, schema_editor):
    Trend = apps.get_model("analysis", "Trend")
    TrendScore = apps.get_model("analysis", "TrendScore")
    Change = apps.get_model("history", "Change")
    last_change = {}
    for object_id, at in Change.objects.filter(
        kind="analysis.trend", event="changed", field__in=SCORES
    ).values_list("object_id", "at"):
        last_change[object_id] = max(at, last_change.get(object_id, at))
    TrendScore.objects.bulk_create(
        TrendScore(
            trend=trend,
            recorded_at=last_change.get(trend.pk, trend.created_at),
            recorded_by_id=trend.created_by_id if trend.pk not in last_change else None,
            **{name: getattr(trend, name) for name in SCORES},
        )
        for trend in Trend.objects.all()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('analysis', '0003_swot_response'),
        ('history', '0001_change_log'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='TrendScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date')),
                ('urgency', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='urgency')),
                ('impact', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='impact')),
                ('unpredictability', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='unpredictability')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('trend', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='analysis.trend')),
            ],
            options={
                'ordering': ['recorded_at', 'pk'],
            },
        ),
        migrations.RunPython(seed_current_scores, migrations.RunPython.noop),
    ]
