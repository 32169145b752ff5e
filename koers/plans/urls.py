from django.urls import path

from koers.plans import views

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
]
