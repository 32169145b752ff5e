"""Single sign-on with OpenID Connect (mozilla-django-oidc), configured by three variables.

OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are enough: the provider's endpoints are read
from its discovery document (`<issuer>/.well-known/openid-configuration`) once per process, when
first needed, so a password login never waits for the provider. ID tokens must be signed by the
provider's keys, be meant for this client (`aud`), come from the issuer (`iss`) and be unexpired;
the e-mail address must be verified by the provider before it can open or create an account.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from koers.accounts.models import Membership, Role, Workspace

log = logging.getLogger(__name__)

_DISCOVERED: dict[str, dict] = {}
OP_SETTINGS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
# Never handed out automatically: the workspace's own OGSM owner decides who else becomes one.
AUTO_JOIN_ROLES = {Role.PROCESS_OWNER, Role.MEMBER, Role.VIEWER}


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def provider() -> dict:
    """The issuer's discovery document, fetched once per process."""
    issuer = settings.OIDC_ISSUER
    if issuer not in _DISCOVERED:
        response = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
        )
        response.raise_for_status()
        document = response.json()
        if document.get("issuer", "").rstrip("/") != issuer:
            raise ImproperlyConfigured("The provider names another issuer than OIDC_ISSUER.")
        _DISCOVERED[issuer] = document
    return _DISCOVERED[issuer]


def op_setting(attr, *args):
    """mozilla-django-oidc's settings, with the provider's endpoints found by discovery."""
    if attr in OP_SETTINGS:
        return getattr(settings, attr, None) or provider()[OP_SETTINGS[attr]]
    return import_from_settings(attr, *args)


def auto_join(user) -> None:
    """Join the workspaces SSO_AUTO_JOIN names for the user's (verified) e-mail domain.

    Rules are `domain=workspace-slug:role`; an existing membership keeps its role.
    """
    domain = user.email.rsplit("@", 1)[-1].lower()
    for rule in settings.SSO_AUTO_JOIN:
        rule_domain, _eq, target = rule.partition("=")
        slug, _colon, role = target.partition(":")
        if rule_domain.strip().lower() != domain:
            continue
        workspace = Workspace.objects.filter(slug=slug.strip()).first()
        if workspace is None:
            log.warning("SSO_AUTO_JOIN names an unknown workspace: %s", slug)
            continue
        role = role.strip() if role.strip() in AUTO_JOIN_ROLES else Role.MEMBER
        Membership.objects.get_or_create(workspace=workspace, user=user, defaults={"role": role})


def _username_for(email: str) -> str:
    base = email.split("@", 1)[0][:140] or "user"
    users, name, n = get_user_model().objects, base, 1
    while users.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}{n}"
    return name


class Backend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The endpoints are properties: every login (passwords too) builds every backend.
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = get_user_model()

    get_settings = staticmethod(op_setting)
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: op_setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: op_setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: op_setting("OIDC_OP_JWKS_ENDPOINT"))

    def _verify_jws(self, payload, key):
        try:
            algorithm = jwt.get_unverified_header(payload).get("alg")
            if algorithm != self.OIDC_RP_SIGN_ALGO:
                raise SuspiciousOperation("The ID token is signed with another algorithm.")
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=provider()["issuer"],
                leeway=30,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def verify_claims(self, claims):
        return bool(claims.get("email")) and claims.get("email_verified") is True

    def create_user(self, claims):
        email = claims["email"].strip().lower()
        user = self.UserModel.objects.create_user(
            _username_for(email),
            email=email,
            first_name=(claims.get("given_name") or "")[:150],
            last_name=(claims.get("family_name") or "")[:150],
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        auto_join(user)
        return user

    def update_user(self, user, claims):
        auto_join(user)
        return user


class LoginView(OIDCAuthenticationRequestView):
    """Send the browser to the provider (state, nonce and PKCE kept in the session)."""

    get_settings = staticmethod(op_setting)

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    OIDC_OP_AUTH_ENDPOINT = property(lambda self: op_setting("OIDC_OP_AUTHORIZATION_ENDPOINT"))

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except (requests.RequestException, ImproperlyConfigured, KeyError, ValueError):
            log.exception("The OpenID provider cannot be reached")
            messages.error(request, _("Single sign-on is not available right now."))
            return redirect("accounts:login")


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: a wrong state, a bad or expired token end on the login page."""

    get_settings = staticmethod(op_setting)

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException, ImproperlyConfigured) as error:
            log.warning("Single sign-on refused: %s", error)
            return self.login_failure()

    def login_failure(self):
        messages.error(
            self.request,
            _("Single sign-on did not succeed. Try again, or ask your administrator."),
        )
        return redirect("accounts:login")

    def login_success(self):
        # The session remembers the password backend, whose get_user is Koers's fast path.
        self.user.backend = "koers.accounts.backends.UsernameOrEmailBackend"
        return super().login_success()
