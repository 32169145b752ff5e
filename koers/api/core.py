"""The API's plumbing: token authentication, the permission door, errors, ETags and pages.

Every route passes `door` or `plan_door`: the token must belong to the URL's workspace (else
404, as for a stranger) and carry the write scope for a write (else 403); then the pages' own
doors (`get_membership_for`, `get_plan_for`) check the token user's role, exactly as for a page.
"""

import base64
import binascii
import hashlib

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer
from pydantic import BaseModel

from koers.accounts.permissions import Can, get_membership_for
from koers.actions.rules import ActionError
from koers.api.models import Scope
from koers.api.tokens import active_token, over_rate_limit
from koers.lib.versioning import StaleEdit
from koers.plans.access import get_plan_for

MAX_LIMIT = 200


class Error(Schema):
    detail: str | list[dict]  # a list for input that does not fit the schema


class RateLimited(Exception):
    pass


class PreconditionFailed(Exception):
    pass


class BadCursor(Exception):
    pass


class TokenAuth(HttpBearer):
    """`Authorization: Bearer koers_…`: the token's user becomes the request's user."""

    def authenticate(self, request, token):
        found = active_token(token)
        if found is None:
            return None
        if over_rate_limit(found):
            raise RateLimited
        request.user = found.user
        return found


api = NinjaAPI(
    title="Koers API",
    version="1",
    description=(
        "Read and update an OGSM plan. Authenticate with a personal access token made on your "
        "profile page: `Authorization: Bearer koers_…`. Lists are paged with `cursor`; reads "
        "carry an `ETag`, and writes accept `If-Match` with the ETag the client read."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
)


def _error(request, status: int, detail: str):
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, str(exc) or _("Your role or token does not allow this."))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, _("Not found."))


@api.exception_handler(ActionError)
def _refused(request, exc):
    return _error(request, 422, str(exc))


@api.exception_handler(BadCursor)
def _bad_cursor(request, exc):
    return _error(request, 422, _("This cursor is not one the API gave out."))


@api.exception_handler(StaleEdit)
def _conflict(request, exc):
    return _error(request, 409, _("Someone else changed this meanwhile. Read it again."))


@api.exception_handler(PreconditionFailed)
def _precondition(request, exc):
    return _error(request, 412, _("It changed since you read it (If-Match). Read it again."))


@api.exception_handler(RateLimited)
def _slow_down(request, exc):
    response = _error(request, 429, _("Too many calls with this token; wait a minute."))
    response["Retry-After"] = "60"
    return response


def token_allows(request, slug: str, write: bool) -> None:
    token = request.auth
    if token.workspace.slug != slug:
        raise Http404  # a token sees one workspace; the others do not exist for it
    if write and token.scope != Scope.WRITE:
        raise PermissionDenied(_("This token may only read."))


def door(request, slug: str, need: Can = Can.VIEW, write=None):
    """The workspace membership, as `get_membership_for`, within the token's reach. A write
    needs the write scope even where the page's door asks only to view (answering a request)."""
    token_allows(request, slug, write=need != Can.VIEW if write is None else write)
    return get_membership_for(request, slug, need)


def plan_door(request, slug: str, plan_id: int, need: Can = Can.VIEW, write=None):
    """(plan, membership), as `get_plan_for`, within the token's reach."""
    token_allows(request, slug, write=need != Can.VIEW if write is None else write)
    return get_plan_for(request, slug, plan_id, need)


# ETags -------------------------------------------------------------------------------------


def etag_of(payload: BaseModel) -> str:
    """A strong ETag: the hash of the representation, which includes each row's version."""
    return '"' + hashlib.sha256(payload.model_dump_json().encode()).hexdigest()[:32] + '"'


def tagged(request, response: HttpResponse, payload: BaseModel):
    """Send `payload` with its ETag, or 304 when the client holds it already."""
    etag = etag_of(payload)
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponse(status=304, headers={"ETag": etag})
    response["ETag"] = etag
    return payload


def check_if_match(request, current: BaseModel) -> None:
    """A write sent with If-Match goes ahead only if the resource is still what was read."""
    wanted = request.headers.get("If-Match")
    if wanted and wanted.strip() != "*" and etag_of(current) not in wanted:
        raise PreconditionFailed


# Cursor pages ------------------------------------------------------------------------------


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"after:{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        label, pk = text.split(":")
        value = int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise BadCursor from error
    if label != "after" or not 0 <= value < 2**63:
        raise BadCursor
    return value


def page(queryset, cursor: str | None, limit: int, out) -> dict:
    """One page in id order, keyset-paged, so a page never shifts as rows are added."""
    after = decode_cursor(cursor)
    rows = list(queryset.filter(pk__gt=after).order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [out(row) for row in rows],
        "next_cursor": encode_cursor(rows[-1].pk) if more else None,
    }


READ_ERRORS = {401: Error, 403: Error, 404: Error, 422: Error, 429: Error}
WRITE_ERRORS = {**READ_ERRORS, 400: Error, 409: Error, 412: Error}
