from django.urls import path

from koers.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("w/<slug:slug>/webhooks/", views.endpoints, name="list"),
    path("w/<slug:slug>/webhooks/<int:endpoint_id>/test/", views.send_test, name="test"),
    path("w/<slug:slug>/webhooks/<int:endpoint_id>/remove/", views.remove, name="remove"),
]
