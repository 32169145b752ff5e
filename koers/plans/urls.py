from django.urls import path

from koers.plans import import_views, link_views, role_views, rollover_views, views
from koers.plans import version_views as versions

app_name = "plans"

P = "w/<slug:slug>/plans/<int:plan_id>/"


def item_urls(kind: str, plural: str):
    item = f"{P}{plural}/<int:item_id>/"
    return [
        path(f"{item}edit/", views.item_edit, {"kind": kind}, name=f"{kind}_edit"),
        path(f"{item}delete/", views.item_delete, {"kind": kind}, name=f"{kind}_delete"),
        path(f"{item}move/", views.item_move, {"kind": kind}, name=f"{kind}_move"),
    ]


urlpatterns = [
    path("w/<slug:slug>/", views.workspace, name="workspace"),
    path("w/<slug:slug>/plans/new/", views.plan_new, name="new"),
    path(P, views.plan_detail, name="detail"),
    path(f"{P}edit/", views.plan_edit, name="edit"),
    path(f"{P}ogsm.pdf", views.plan_pdf, name="pdf"),
    path(f"{P}objective/", views.objective_edit, name="objective_edit"),
    path(f"{P}start-from-template/", views.start_from_template, name="start_template"),
    path(f"{P}import/", import_views.plan_import_view, name="import"),
    path(f"{P}goals/new/", views.item_new, {"kind": "goal"}, name="goal_new"),
    path(f"{P}strategies/new/", views.item_new, {"kind": "strategy"}, name="strategy_new"),
    path(
        f"{P}strategies/<int:parent_id>/measures/new/",
        views.item_new,
        {"kind": "measure"},
        name="measure_new",
    ),
    *item_urls("goal", "goals"),
    *item_urls("strategy", "strategies"),
    *item_urls("measure", "measures"),
    path(f"{P}roles/", role_views.plan_roles, name="roles"),
    path(f"{P}serves/", link_views.serve, name="serve"),
    path(f"{P}serves/<int:link_id>/remove/", link_views.unserve, name="unserve"),
    path(f"{P}serves/<int:link_id>/seen/", link_views.serve_seen, name="serve_seen"),
    path(f"{P}roll-over/", rollover_views.plan_roll_over, name="roll_over"),
    path(f"{P}versions/", versions.version_list, name="versions"),
    path(f"{P}versions/compare/", versions.version_compare, name="version_compare"),
    path(f"{P}versions/<int:number>/", versions.version_detail, name="version"),
    path(f"{P}versions/<int:number>/ogsm.pdf", versions.version_pdf, name="version_pdf"),
    path(f"{P}draft/start/", versions.draft_start, name="draft_start"),
    path(f"{P}draft/", versions.draft_detail, name="draft"),
    path(f"{P}draft/objective/", versions.draft_objective, name="draft_objective"),
    path(f"{P}draft/items/<slug:key>/", versions.draft_item, name="draft_item"),
    path(f"{P}draft/items/<slug:key>/remove/", versions.draft_remove, name="draft_remove"),
    path(f"{P}draft/add/<slug:kind>/", versions.draft_add, name="draft_add"),
    path(f"{P}draft/activate/", versions.draft_activate, name="draft_activate"),
    path(f"{P}draft/discard/", versions.draft_discard, name="draft_discard"),
    path(f"{P}retired/<slug:kind>/<int:item_id>/", versions.retired_detail, name="retired"),
    path(
        f"{P}retired/<slug:kind>/<int:item_id>/restore/",
        versions.retired_restore,
        name="retired_restore",
    ),
]
