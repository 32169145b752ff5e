from django.urls import path
from django.views.decorators.http import require_GET

from koers.accounts import settings_views, views


def _sso(name):
    """A single sign-on view whose module is imported on first use: mozilla-django-oidc brings
    requests, PyJWT and cryptography (about 15 MB in every worker) that password logins and all
    other pages never need."""

    @require_GET  # as the views themselves (GET only), declared here for the permission matrix
    def view(request, *args, **kwargs):
        from koers.accounts import oidc

        return getattr(oidc, name).as_view()(request, *args, **kwargs)

    return view


app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/sso/", _sso("LoginView"), name="sso_login"),
    path("accounts/sso/callback/", _sso("CallbackView"), name="sso_callback"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/password/", views.password_change, name="password_change"),
    path("accounts/language/", views.change_language, name="language"),
    path("accounts/password-reset/", views.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("invite/<str:token>/", views.accept_invite, name="accept_invite"),
    path("workspaces/new/", views.workspace_new, name="workspace_new"),
    path("w/<slug:slug>/members/", views.members, name="members"),
    path("w/<slug:slug>/settings/", settings_views.workspace_settings, name="workspace_settings"),
    path("w/<slug:slug>/members/invite/", views.invite, name="invite"),
    path("w/<slug:slug>/members/<int:member_id>/role/", views.change_role, name="change_role"),
    path(
        "w/<slug:slug>/members/<int:member_id>/remove/", views.remove_member, name="remove_member"
    ),
    path(
        "w/<slug:slug>/invites/<int:invite_id>/revoke/", views.revoke_invite, name="revoke_invite"
    ),
]
