"""Single sign-on end to end against a real OpenID provider on 127.0.0.1, started by the test.

The provider is small but real: discovery, an authorization endpoint that redirects back with a
code, a token endpoint that checks the client secret and PKCE and signs an RS256 ID token, the
JWKS and userinfo. Koers's side is mozilla-django-oidc with the settings of koers.accounts.oidc.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import override_settings

from conftest import make_user
from koers.accounts import oidc
from koers.accounts.models import Membership, Role, User

CLIENT_ID, CLIENT_SECRET = "koers", "client-s3cret"


class Provider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims = {}
        self.token_changes = {}  # applied to the ID token's claims (to expire it, say)
        self.codes, self.access = {}, {}
        self.server = HTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._json(provider.discovery())
                if url.path == "/jwks":
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    return self._json(
                        {"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]}
                    )
                if url.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = query
                    target = f"{query['redirect_uri']}?" + urlencode(
                        {"code": code, "state": query["state"]}
                    )
                    self.send_response(302)
                    self.send_header("Location", target)
                    return self.end_headers()
                if url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.access:
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json(provider.access[token])
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                length = int(self.headers["Content-Length"])
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                request = provider.codes.pop(form.get("code"), None)
                secret_ok = form.get("client_secret") == CLIENT_SECRET
                if request is None or not secret_ok or not _pkce_ok(request, form):
                    return self._json({"error": "invalid_grant"}, 400)
                access = secrets.token_urlsafe(16)
                provider.access[access] = provider.claims
                return self._json(
                    {
                        "access_token": access,
                        "token_type": "Bearer",
                        "id_token": provider.id_token(request["nonce"]),
                    }
                )

        return Handler

    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
        }

    def id_token(self, nonce):
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": self.claims.get("email", "anyone"),
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **self.claims,
            **self.token_changes,
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "k1"})


def _pkce_ok(request, form) -> bool:
    digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == request["code_challenge"]


@pytest.fixture
def provider(settings):
    op = Provider()
    settings.OIDC_ISSUER = op.issuer
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "koers.accounts.oidc.Backend",
    ]
    settings.SSO_AUTO_JOIN = ["bakery.example=acme:member", "bakery.example=other:ogsm_owner"]
    oidc._DISCOVERED.clear()
    yield op
    op.server.shutdown()
    op.server.server_close()
    oidc._DISCOVERED.clear()


def sign_in(client, state=None, next_url=None):
    """The browser's round trip: Koers → provider (the user approves) → Koers's callback."""
    start = client.get("/accounts/sso/", {"next": next_url} if next_url else {})
    assert start.status_code == 302
    approved = requests.get(start["Location"], allow_redirects=False, timeout=5)
    back = urlsplit(approved.headers["Location"])
    query = {k: v[0] for k, v in parse_qs(back.query).items()}
    if state is not None:
        query["state"] = state
    return client.get(back.path, query)


def logged_in_user(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_a_first_login_creates_the_account(provider, client, db):
    provider.claims = {
        "email": "Ada@Lovelace.example",
        "email_verified": True,
        "given_name": "Ada",
        "family_name": "Lovelace",
    }
    response = sign_in(client, next_url="/accounts/profile/")
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    user = logged_in_user(client)
    assert (user.username, user.email, user.get_full_name()) == (
        "ada",
        "ada@lovelace.example",
        "Ada Lovelace",
    )
    assert not user.has_usable_password()
    assert client.get("/accounts/profile/").status_code == 200


def test_an_existing_account_with_that_address_is_the_one_logged_in(provider, client, db):
    existing = make_user("baker")
    provider.claims = {"email": "BAKER@example.com", "email_verified": True}
    sign_in(client)
    assert logged_in_user(client) == existing
    assert User.objects.count() == 1


def test_a_verified_domain_joins_its_workspace_with_the_chosen_role(
    provider, client, workspace, other_workspace
):
    provider.claims = {"email": "bea@bakery.example", "email_verified": True}
    sign_in(client)
    roles = {m.workspace.slug: m.role for m in Membership.objects.filter(user__username="bea")}
    # OGSM owner is never handed out automatically: that rule falls back to member.
    assert roles == {"acme": Role.MEMBER, "other": Role.MEMBER}


def test_another_domain_joins_nothing(provider, client, workspace):
    provider.claims = {"email": "eve@elsewhere.example", "email_verified": True}
    sign_in(client)
    assert logged_in_user(client) is not None
    assert not Membership.objects.exists()


def test_a_wrong_state_is_refused(provider, client, db):
    provider.claims = {"email": "mallory@example.com", "email_verified": True}
    response = sign_in(client, state="forged")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert logged_in_user(client) is None
    assert not User.objects.exists()
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Single sign-on did not succeed" in page


@pytest.mark.parametrize(
    "changes",
    [
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},  # expired
        {"aud": "another-client"},
        {"iss": "http://evil.example"},
    ],
    ids=["expired", "other-audience", "other-issuer"],
)
def test_an_expired_or_foreign_id_token_is_refused(provider, client, db, changes):
    provider.claims = {"email": "late@example.com", "email_verified": True}
    provider.token_changes = changes
    response = sign_in(client)
    assert response["Location"] == "/accounts/login/"
    assert logged_in_user(client) is None
    assert not User.objects.exists()


def test_an_unverified_address_opens_no_account(provider, client, db):
    make_user("victim")  # victim@example.com
    provider.claims = {"email": "victim@example.com", "email_verified": False}
    sign_in(client)
    assert logged_in_user(client) is None


def test_the_login_page_offers_sso_beside_passwords(provider, client, db):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "/accounts/sso/" in page and 'name="password"' in page


def test_sso_instead_of_passwords(provider, client, settings, db):
    settings.SSO_PASSWORD_LOGIN = False
    user = make_user("baker")
    user.set_password("a long password 123")
    user.save()
    page = client.get("/accounts/login/").content.decode()
    assert "/accounts/sso/" in page and 'name="password"' not in page
    client.post("/accounts/login/", {"username": "baker", "password": "a long password 123"})
    assert logged_in_user(client) is None


@override_settings(OIDC_ISSUER="")
def test_without_an_issuer_there_is_no_sso(client, db):
    assert client.get("/accounts/sso/").status_code == 404
    assert client.get("/accounts/sso/callback/").status_code == 404
    assert "/accounts/sso/" not in client.get("/accounts/login/").content.decode()
