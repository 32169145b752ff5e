"""Small builders for analysis tests."""

from koers.analysis import scenarios, trends
from koers.analysis.models import Trend


def trend(workspace, title="Ageing customers", **scores):
    """A trend with its first scores kept, as the trend form saves it."""
    fields = {"urgency": 3, "impact": 4, "unpredictability": 4, **scores}
    made = Trend(workspace=workspace, title=title, category="demography", **fields)
    trends.add_trend(made, None)
    return made


def scenario_set(workspace, by):
    return scenarios.create_set(
        workspace,
        by,
        title="Our town in 2030",
        driver_x=trend(workspace, "Remote work"),
        x_low="Back to the office",
        x_high="Mostly at home",
        driver_y=trend(workspace, "Grain prices"),
        y_low="Cheap grain",
        y_high="Dear grain",
    )
