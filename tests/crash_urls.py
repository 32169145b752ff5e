"""A URLconf with one view that fails, to see the error page a user would get."""

from django.urls import include, path


def crash(request):
    raise RuntimeError("secret internals")


urlpatterns = [path("crash/", crash), path("", include("koers.urls"))]
handler500 = "koers.core.views.server_error"
