from django.contrib import admin
from django.urls import include, path

from koers.lib.resolving import RememberingResolver

# Every pattern, each path's match kept (koers/lib/resolving.py): the order still decides.
patterns = [
    path("admin/", admin.site.urls),
    path("", include("koers.core.urls")),
    path("", include("koers.accounts.urls")),
    path("", include("koers.plans.urls")),
    path("", include("koers.actions.urls")),
    path("", include("koers.meetings.urls")),
    path("", include("koers.dashboard.urls")),
    path("", include("koers.analysis.urls")),
    path("", include("koers.api.urls")),
    path("", include("koers.webhooks.urls")),
    path("", include("koers.history.urls")),
    # urls:analysis
    path("", include("koers.reports.urls")),
]
urlpatterns = [RememberingResolver(patterns)]

handler404 = "koers.core.views.not_found"
handler403 = "koers.core.views.forbidden"
handler500 = "koers.core.views.server_error"
