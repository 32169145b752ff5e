"""The home page and the error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_safe

from koers.accounts.models import Membership


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    memberships = Membership.objects.filter(user=request.user).select_related("workspace")
    return render(request, "core/home.html", {"memberships": memberships})


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    # Rendered without the request context: the failure may have been in a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())
