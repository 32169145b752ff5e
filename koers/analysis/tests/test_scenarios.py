"""Scenario planning: four futures from two uncertainties, and their likelihood over time."""

from datetime import date

import pytest
from django.urls import reverse

from koers.analysis import scenarios
from koers.analysis.errors import AnalysisError
from koers.analysis.models import Likelihood, ScenarioSet
from koers.analysis.tests.factories import scenario_set, trend


def percents(scenario_set, values):
    return dict(zip([s.pk for s in scenario_set.scenarios.all()], values, strict=True))


def test_a_new_set_lays_out_four_futures_named_after_the_ends(login, owner, workspace):
    x, y = trend(workspace, "Remote work"), trend(workspace, "Grain prices")
    response = login(owner).post(
        reverse("analysis:scenario_set_new", args=["acme"]),
        {"title": "2030", "driver_x": x.pk, "x_low": "Office", "x_high": "Home"}
        | {"driver_y": y.pk, "y_low": "Cheap", "y_high": "Dear"},
    )
    created = ScenarioSet.objects.get()
    assert response["Location"] == reverse("analysis:scenario_set", args=["acme", created.pk])
    names = [s.name for s in created.scenarios.all()]
    assert names == ["Office × Dear", "Home × Dear", "Office × Cheap", "Home × Cheap"]


def test_the_same_uncertainty_twice_is_refused(login, owner, workspace):
    x = trend(workspace)
    response = login(owner).post(
        reverse("analysis:scenario_set_new", args=["acme"]),
        {"title": "2030", "driver_x": x.pk, "x_low": "a", "x_high": "b"}
        | {"driver_y": x.pk, "y_low": "c", "y_high": "d"},
    )
    assert "Pick two different uncertainties." in response.content.decode()
    assert not ScenarioSet.objects.exists()


def test_likelihoods_must_add_up_to_100_and_nothing_is_saved_otherwise(login, owner, workspace):
    futures = scenario_set(workspace, owner)
    data = {"recorded_on": "2027-03-01", "x_low_y_high": 50, "x_high_y_high": 30}
    data |= {"x_low_y_low": 30, "x_high_y_low": 10}
    response = login(owner).post(reverse("analysis:likelihood", args=["acme", futures.pk]), data)
    assert "must add up to 100 % (now 120 %)" in response.content.decode()
    assert not Likelihood.objects.exists()


def test_recording_twice_on_one_day_replaces_that_days_judgement(workspace, owner):
    futures = scenario_set(workspace, owner)
    scenarios.record_likelihoods(futures, date(2027, 3, 1), percents(futures, [25] * 4), owner)
    scenarios.record_likelihoods(
        futures, date(2027, 3, 1), percents(futures, [40, 30, 20, 10]), owner
    )
    assert sorted(Likelihood.objects.values_list("percent", flat=True)) == [10, 20, 30, 40]


def test_a_missing_scenario_is_refused(workspace, owner):
    futures = scenario_set(workspace, owner)
    with pytest.raises(AnalysisError):
        scenarios.record_likelihoods(futures, date(2027, 3, 1), {futures.pk: 100}, owner)


def test_the_set_page_charts_the_likelihood_history(login, owner, viewer, workspace):
    futures = scenario_set(workspace, owner)
    scenarios.record_likelihoods(futures, date(2027, 1, 1), percents(futures, [25] * 4), owner)
    scenarios.record_likelihoods(
        futures, date(2027, 4, 1), percents(futures, [40, 30, 20, 10]), owner
    )
    html = login(viewer).get(reverse("analysis:scenario_set", args=["acme", futures.pk])).content
    html = html.decode()
    chart = html.split('class="chart"', 1)[1].split("</svg>", 1)[0]
    assert "Likelihood of the scenarios over time" in chart
    assert "01-04-2027: 40" in chart and html.count("<path") >= 4
    assert "40 %" in html  # the latest judgement on the scenario card
    assert "Record the likelihoods" not in html  # viewers only read


def test_a_scenario_story_is_edited_with_a_version_check(login, owner, workspace):
    futures = scenario_set(workspace, owner)
    scenario = futures.scenarios.first()
    url = reverse("analysis:scenario_edit", args=["acme", futures.pk, scenario.pk])
    data = {
        "name": "Busy bakery",
        "story": "Offices are full.",
        "signposts": "",
        "implications": "",
    }
    client = login(owner)
    client.post(url, {**data, "version": scenario.version})
    stale = client.post(url, {**data, "name": "Quiet", "version": scenario.version})
    assert "Someone else saved a change" in stale.content.decode()
    scenario.refresh_from_db()
    assert scenario.name == "Busy bakery"


def test_archiving_a_set_takes_it_off_the_list_after_confirmation(login, owner, workspace):
    futures = scenario_set(workspace, owner)
    url = reverse("analysis:scenario_set_archive", args=["acme", futures.pk])
    client = login(owner)
    assert "Remove “Our town in 2030”?" in client.get(url).content.decode()
    client.post(url)
    listing = client.get(reverse("analysis:scenarios", args=["acme"])).content.decode()
    assert "Our town in 2030" not in listing.split('class="card-grid"', 1)[1]
    page = reverse("analysis:scenario_set", args=["acme", futures.pk])
    assert client.get(page).status_code == 404
    assert ScenarioSet.objects.filter(pk=futures.pk, archived_at__isnull=False).exists()
