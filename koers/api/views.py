"""The token pages: make a personal access token (its secret shown once), see and revoke them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.accounts.models import Workspace
from koers.api import tokens
from koers.api.forms import TokenForm


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    workspaces = Workspace.objects.filter(memberships__user=request.user).order_by("name")
    form = TokenForm(request.POST or None, workspaces=workspaces)
    secret, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            _token, secret = tokens.create_token(
                request.user, data["workspace"], data["name"], data["scope"], data["days"]
            )
            form = TokenForm(workspaces=workspaces)
        else:
            status = 422
    context = {"form": form, "secret": secret, "tokens": tokens.tokens_of(request.user)}
    # The secret is in this response only; it must never be stored by a cache on the way.
    response = render(request, "api/tokens.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, token_id):
    if tokens.revoke(request.user, token_id):
        messages.success(request, _("The token is revoked; it no longer works."))
    return redirect("tokens:list")
