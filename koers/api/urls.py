"""/api/ (django-ninja, namespace `api`) and the token pages (namespace `tokens`)."""

from django.urls import include, path

from koers.api import views
from koers.api.core import api
from koers.api.routes_actions import router as actions
from koers.api.routes_figures import router as figures
from koers.api.routes_plans import router as plans
from koers.api.routes_sessions import router as sessions

for router in (plans, actions, figures, sessions):
    api.add_router("", router)

token_patterns = (
    [
        path("accounts/tokens/", views.token_list, name="list"),
        path("accounts/tokens/<int:token_id>/revoke/", views.token_revoke, name="revoke"),
    ],
    "tokens",
)

urlpatterns = [
    path("api/", api.urls),
    path("", include(token_patterns)),
]
