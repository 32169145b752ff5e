""" "Start next year's plan": the OGSM owner picks the period and the actions that move along."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from koers.accounts.permissions import Can, capabilities_of
from koers.lib.ids import ModelIdsField
from koers.plans.access import get_plan_for
from koers.plans.rollover import roll_over, unfinished_actions


class RollOverForm(forms.Form):
    period = forms.CharField(label=gettext_lazy("period"), max_length=40)
    start_date = forms.DateField(
        label=gettext_lazy("start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=gettext_lazy("end date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    keep = ModelIdsField(
        label=gettext_lazy("Unfinished actions that move along"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = unfinished_actions(plan)
        self.fields["keep"].label_from_instance = lambda a: f"{a.strategy.title} · {a.title}"

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        return data


def _next_year(plan):
    def shift(day):
        try:
            return day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            return date(day.year + 1, day.month, 28)

    period = str(int(plan.period) + 1) if plan.period.isdigit() and len(plan.period) < 6 else ""
    keep = [a.pk for a in unfinished_actions(plan)]
    return {
        "period": period,
        "start_date": shift(plan.start_date),
        "end_date": shift(plan.end_date),
        "keep": keep,
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_roll_over(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.EDIT_PLAN)
    form = RollOverForm(plan, request.POST or None, initial=_next_year(plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = roll_over(
            plan,
            data["period"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            keep=[a.pk for a in data["keep"]],
            by=request.user,
        )
        messages.success(
            request,
            _("Plan %(period)s is ready; %(old)s is archived and stays readable.")
            % {"period": new.period, "old": plan.period},
        )
        return redirect("plans:detail", slug=slug, plan_id=new.pk)
    context = {
        "workspace": plan.workspace,
        "membership": membership,
        "plan": plan,
        "can": capabilities_of(membership),
        "form": form,
    }
    return render(request, "plans/roll_over.html", context, status=422 if form.errors else 200)
