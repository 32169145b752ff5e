"""Scenario planning: two key uncertainties make four futures; their likelihood is tracked."""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.accounts.revision import touch_workspaces
from koers.analysis.errors import AnalysisError
from koers.analysis.models import Likelihood, Pole, Scenario, ScenarioSet
from koers.charts import Series, line_chart

SCENARIO_COLOURS = ["#1d5c73", "#b86200", "#2e7d4f", "#7a3e9d"]


@transaction.atomic
def create_set(workspace, by, **fields) -> ScenarioSet:
    """A new set with its four scenarios, named after the ends of the two uncertainties."""
    if fields["driver_x"].pk == fields["driver_y"].pk:
        raise AnalysisError(_("Pick two different uncertainties."))
    for driver in (fields["driver_x"], fields["driver_y"]):
        if driver.workspace_id != workspace.pk:
            raise AnalysisError(_("Pick trends of this workspace."))
    scenario_set = ScenarioSet.objects.create(workspace=workspace, created_by=by, **fields)
    for y_pole, y_label in ((Pole.HIGH, scenario_set.y_high), (Pole.LOW, scenario_set.y_low)):
        for x_pole, x_label in ((Pole.LOW, scenario_set.x_low), (Pole.HIGH, scenario_set.x_high)):
            Scenario.objects.create(
                scenario_set=scenario_set,
                x_pole=x_pole,
                y_pole=y_pole,
                name=f"{x_label} × {y_label}"[:120],
            )
    return scenario_set


def record_likelihoods(scenario_set, on, percents: dict, by, note: str = "") -> None:
    """One judgement for all four scenarios at once; they are the only futures, so they sum to 100.

    Recording again on the same date replaces that date's judgement.
    """
    scenarios = list(scenario_set.scenarios.all())
    if set(percents) != {s.pk for s in scenarios}:
        raise AnalysisError(_("Give a likelihood for each of the four scenarios."))
    if any(not 0 <= value <= 100 for value in percents.values()):
        raise AnalysisError(_("A likelihood lies between 0 and 100 %."))
    if sum(percents.values()) != 100:
        raise AnalysisError(
            _("The four likelihoods must add up to 100 %% (now %(total)s %%).")
            % {"total": sum(percents.values())}
        )
    try:
        with transaction.atomic():
            Likelihood.objects.filter(scenario__in=scenarios, recorded_on=on).delete()
            Likelihood.objects.bulk_create(
                Likelihood(
                    scenario=s, recorded_on=on, percent=percents[s.pk], note=note, recorded_by=by
                )
                for s in scenarios
            )
            touch_workspaces(pk=scenario_set.workspace_id)  # bulk_create sends no signals
    except IntegrityError as error:  # a colleague recorded the same date at the same moment
        raise AnalysisError(
            _("Someone recorded this date just now; reload and try again.")
        ) from error


def history(scenario_set) -> tuple[list, dict]:
    """(dates, {scenario id: [percent or None per date]}) from the prefetched likelihoods."""
    per_date: dict = defaultdict(dict)
    for scenario in scenario_set.scenarios.all():
        for estimate in scenario.likelihoods.all():
            per_date[estimate.recorded_on][scenario.pk] = estimate.percent
    dates = sorted(per_date)
    return dates, {
        s.pk: [per_date[d].get(s.pk) for d in dates] for s in scenario_set.scenarios.all()
    }


def latest_likelihood(scenario) -> int | None:
    estimates = list(scenario.likelihoods.all())
    return estimates[-1].percent if estimates else None


def likelihood_chart(scenario_set) -> str:
    dates, values = history(scenario_set)
    series = [
        Series(name=s.name, values=values[s.pk], colour=SCENARIO_COLOURS[i % 4])
        for i, s in enumerate(scenario_set.scenarios.all())
    ]
    return line_chart(
        series,
        [d.strftime("%d-%m-%Y") for d in dates],
        width=640,
        height=240,
        title=_("Likelihood of the scenarios over time"),
        y_range=(0, 100),
        unit=" %",
        desc=", ".join(s.name for s in series),
    )
