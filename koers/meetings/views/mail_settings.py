"""Notification settings (which e-mails I receive) and the unsubscribe link of the e-mails
(koers.meetings.notifications)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from koers.accounts.models import User
from koers.lib.versioning import STALE_MESSAGE, StaleEdit, save_or_create_versioned
from koers.meetings import links, notifications
from koers.meetings.forms import NotificationSettingsForm


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(
        request.POST or None, instance=notifications.settings_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_or_create_versioned(form.instance, form.edited_fields, form.loaded_version())
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("Your e-mail settings are saved."))
            return redirect("meetings:notifications")
    return render(
        request,
        "meetings/notifications.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


# The one view without CSRF protection besides the inbound-mail endpoint: RFC 8058's one-click
# POST comes from the mail program, with no session and no token. It can do one thing only,
# turn off the kind of mail its signed token names for the person it names.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks to confirm (mail scanners follow links; they must not unsubscribe anyone),
    POST turns the mail off: from the confirm page or from the mail program's one click."""
    if links.rate_limited(request):
        return render(request, "meetings/unsubscribe.html", {"refused": True}, status=429)
    found = notifications.read_token(token)
    user = None
    if found is not None:
        user = User.objects.filter(pk=found[0], is_active=True).first()
    if user is None:
        links.count_failure(request)
        return render(request, "meetings/unsubscribe.html", {"refused": True}, status=404)
    kind = found[1]
    language = user.language or translation.get_language()
    with translation.override(language):
        context = {"person": user, "kind": notifications.Kind(kind).label, "token": token}
        if request.method == "POST":
            notifications.turn_off(user, kind)
            context["done"] = True
        else:
            context["on"] = notifications.wants(user, kind)
        return render(request, "meetings/unsubscribe.html", context)
