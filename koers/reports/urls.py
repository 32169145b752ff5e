from django.urls import path

from koers.reports import views

app_name = "reports"

urlpatterns = [
    path("workspaces/import/", views.workspace_json_import, name="workspace_import"),
    path("w/<slug:slug>/export.json", views.workspace_json_export, name="workspace_json"),
    path("w/<slug:slug>/plans/<int:plan_id>/export.json", views.plan_json_export, name="plan_json"),
]
