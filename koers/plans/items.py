"""The three kinds of list item on the one-page OGSM, so one set of views serves them all."""

from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from koers.plans.forms import GoalForm, MeasureForm, StrategyForm
from koers.plans.models import Goal, Measure, Plan, Strategy


@dataclass(frozen=True)
class ItemKind:
    key: str
    model: type[Model]
    form_class: type
    block: str  # the page fragment that shows this kind of item

    def get(self, plan: Plan, item_id: int):
        if self.model is Measure:
            queryset = Measure.objects.select_related("strategy").filter(strategy__plan=plan)
        else:
            queryset = self.model.objects.filter(plan=plan)
        return get_object_or_404(queryset, pk=item_id)

    def new(self, plan: Plan, parent_id: int | None):
        if self.model is Measure:
            return Measure(strategy=get_object_or_404(Strategy, pk=parent_id, plan=plan))
        return self.model(plan=plan)

    def siblings(self, item) -> QuerySet:
        if isinstance(item, Measure):
            return Measure.objects.filter(strategy_id=item.strategy_id)
        return type(item).objects.filter(plan_id=item.plan_id)

    def form(self, plan: Plan, item, data=None):
        extra = {"workspace": plan.workspace} if self.model is Strategy else {}
        return self.form_class(data, instance=item, **extra)


KINDS = {
    "goal": ItemKind("goal", Goal, GoalForm, "goals"),
    "strategy": ItemKind("strategy", Strategy, StrategyForm, "strategies"),
    "measure": ItemKind("measure", Measure, MeasureForm, "strategies"),
}
