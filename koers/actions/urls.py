from django.urls import path

from koers.actions import action_views, views

app_name = "actions"

P = "w/<slug:slug>/plans/<int:plan_id>/"
A = f"{P}actions/<int:action_id>/"

urlpatterns = [
    path(
        "w/<slug:slug>/requests/<int:update_id>/answer/",
        views.answer_request,
        name="answer_request",
    ),
    path(f"{P}actions/", views.action_list, name="list"),
    path(f"{P}board/", views.board, name="board"),
    path(f"{P}actions/new/", views.action_new, name="new"),
    path(f"{P}definition-of-done/", views.definition_of_done, name="definition_of_done"),
    path(f"{P}strategies/<int:strategy_id>/update/", views.strategy_update, name="strategy_update"),
    path(f"{P}strategies/<int:strategy_id>/paste/", views.paste_actions, name="paste"),
    path(A, action_views.action_detail, name="detail"),
    path(f"{A}edit/", views.action_edit, name="edit"),
    path(f"{A}update/", action_views.action_update, name="update"),
    path(f"{A}close/", action_views.action_close, name="close"),
    path(f"{A}status/", action_views.action_status, name="status"),
    path(f"{A}reopen/", action_views.action_reopen, name="reopen"),
    path(f"{A}accept/", action_views.action_accept, name="accept"),
    path(f"{A}move/", action_views.action_move, name="move"),
    path(f"{A}delete/", action_views.action_delete, name="delete"),
]
