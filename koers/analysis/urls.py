from django.urls import path

from koers.analysis.views import brainstorm, canvas, home, scenarios, signals, swot, trends

app_name = "analysis"

A = "w/<slug:slug>/analysis/"
S = f"{A}scenarios/<int:set_id>/"
B = f"{A}brainstorms/<int:brainstorm_id>/"
I = f"{B}ideas/<int:idea_id>/"  # noqa: E741

urlpatterns = [
    path(A, home.overview, name="overview"),
    path(f"{A}business-model/", canvas.canvas, name="canvas"),
    path(f"{A}business-model/new/", canvas.item_new, name="canvas_item_new"),
    path(f"{A}business-model/<int:item_id>/", canvas.item_edit, name="canvas_item_edit"),
    path(f"{A}business-model/<int:item_id>/delete/", canvas.item_delete, name="canvas_item_delete"),
    path(f"{A}business-model/versions/", canvas.version_save, name="canvas_version"),
    path(f"{A}business-model/compare/", canvas.compare, name="canvas_compare"),
    path(f"{A}swot/", swot.swot, name="swot"),
    path(f"{A}swot/new/", swot.item_new, name="swot_new"),
    path(f"{A}swot/matrix/", swot.matrix, name="swot_matrix"),
    path(f"{A}swot/<int:item_id>/", swot.item_edit, name="swot_edit"),
    path(f"{A}swot/<int:item_id>/delete/", swot.item_delete, name="swot_delete"),
    path(f"{A}swot/<int:item_id>/decide/", swot.decide, name="swot_decide"),
    path(f"{A}trends/", trends.trends, name="trends"),
    path(f"{A}trends/new/", trends.trend_new, name="trend_new"),
    path(f"{A}trends/<int:trend_id>/", trends.trend_edit, name="trend_edit"),
    path(f"{A}trends/<int:trend_id>/delete/", trends.trend_delete, name="trend_delete"),
    path(f"{A}trends/<int:trend_id>/to-swot/", trends.to_swot, name="trend_to_swot"),
    path(f"{A}scenarios/", scenarios.scenario_sets, name="scenarios"),
    path(f"{A}scenarios/new/", scenarios.set_new, name="scenario_set_new"),
    path(S, scenarios.scenario_set, name="scenario_set"),
    path(f"{S}likelihood/", scenarios.likelihood, name="likelihood"),
    path(f"{S}archive/", scenarios.set_archive, name="scenario_set_archive"),
    path(f"{S}<int:scenario_id>/", scenarios.scenario_edit, name="scenario_edit"),
    path(f"{A}signals/", signals.signals, name="signals"),
    path(f"{A}signals/new/", signals.signal_new, name="signal_new"),
    path(f"{A}signals/<int:signal_id>/delete/", signals.signal_delete, name="signal_delete"),
    path(f"{A}brainstorms/", brainstorm.brainstorms, name="brainstorms"),
    path(f"{A}brainstorms/new/", brainstorm.brainstorm_new, name="brainstorm_new"),
    path(B, brainstorm.brainstorm, name="brainstorm"),
    path(f"{B}close/", brainstorm.close, name="brainstorm_close"),
    path(f"{B}archive/", brainstorm.brainstorm_archive, name="brainstorm_archive"),
    path(f"{B}ideas/", brainstorm.idea_new, name="idea_new"),
    path(f"{I}vote/", brainstorm.vote, name="idea_vote"),
    path(f"{I}group/", brainstorm.group, name="idea_group"),
    path(f"{I}convert/", brainstorm.convert, name="idea_convert"),
]
