"""The three kinds of list item on the one-page OGSM, so one set of views serves them all."""

from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from koers.lib.rowurls import RowUrl, row_urls
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


def item_tools(plan: Plan) -> dict:
    """What the edit / move / history / delete buttons of every item (`_item_tools.html`) show
    besides the item: per kind its links, reversed once per page (koers.lib.rowurls), and the
    buttons' labels, translated once. A plan page shows them on hundreds of items; per item,
    the reversals and translations were most of its fresh render."""
    slug = plan.workspace.slug
    tools: dict = {
        kind: {
            **row_urls(
                slug,
                plan.pk,
                edit=f"plans:{kind}_edit",
                move=f"plans:{kind}_move",
                delete=f"plans:{kind}_delete",
            ),
            "history": RowUrl("history:object", slug, f"plans.{kind}"),
        }
        for kind in KINDS
    }
    tools["labels"] = {
        "change": _("Change"),
        "edit": _("Edit"),
        "up": _("Move up"),
        "down": _("Move down"),
        "history": _("History"),
        "delete": _("Delete"),
    }
    return tools
