from django.contrib import admin

from koers.plans.models import Goal, Measure, Plan, Strategy


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


class StrategyInline(admin.TabularInline):
    model = Strategy
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "period", "workspace", "start_date", "end_date"]
    list_filter = ["workspace"]
    search_fields = ["name"]
    inlines = [GoalInline, StrategyInline]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "strategy", "unit", "target", "direction"]
