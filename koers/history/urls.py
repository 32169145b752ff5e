from django.urls import path

from koers.history import views

app_name = "history"

W = "w/<slug:slug>/history/"

urlpatterns = [
    path(W, views.log, name="log"),
    path(f"{W}export.csv", views.log_csv, name="csv"),
    path(f"{W}<str:kind>/<int:object_id>/", views.object_history, name="object"),
]
