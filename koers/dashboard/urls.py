from django.urls import path

from koers.dashboard import portfolio_views, rollup_views, views

app_name = "dashboard"

P = "w/<slug:slug>/plans/<int:plan_id>/dashboard/"

urlpatterns = [
    path("w/<slug:slug>/dashboard/", portfolio_views.overview, name="overview"),
    path("w/<slug:slug>/portfolio/", portfolio_views.portfolio_page, name="portfolio"),
    path(P, views.dashboard, name="dashboard"),
    path(f"{P}figures/", views.grid, name="grid"),
    path(f"{P}import/", views.import_figures, name="import"),
    path(f"{P}export.<str:fmt>", views.export_figures, name="export"),
    path(f"{P}kpis/<int:kpi_id>/", views.kpi_detail, name="kpi"),
    path(f"{P}kpis/<int:kpi_id>/milestones/", views.milestone, name="milestone"),
    path(f"{P}kpis/<int:kpi_id>/roll-up/", rollup_views.kpi_roll_up, name="kpi_roll_up"),
    path(
        f"{P}kpis/<int:kpi_id>/figures/<int:measurement_id>/",
        views.measurement_edit,
        name="measurement",
    ),
]
