from django.urls import path

from koers.reports import views

app_name = "reports"

urlpatterns = [
    path("workspaces/import/", views.workspace_json_import, name="workspace_import"),
    path("w/<slug:slug>/export.json", views.workspace_json_export, name="workspace_json"),
    path("w/<slug:slug>/plans/<int:plan_id>/export.json", views.plan_json_export, name="plan_json"),
    path("w/<slug:slug>/plans/<int:plan_id>/plan.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path(
        "w/<slug:slug>/plans/<int:plan_id>/actions/import/",
        views.action_sheet_import,
        name="action_import",
    ),
    path(
        "w/<slug:slug>/plans/<int:plan_id>/sessions/<int:session_id>/deck.pptx",
        views.session_deck,
        name="session_deck",
    ),
    path(
        "w/<slug:slug>/plans/<int:plan_id>/kpis/<int:kpi_id>/feed/",
        views.kpi_feed,
        name="kpi_feed",
    ),
    path(
        "w/<slug:slug>/plans/<int:plan_id>/kpis/<int:kpi_id>/feed/fetch/",
        views.kpi_feed_fetch,
        name="kpi_feed_fetch",
    ),
]
