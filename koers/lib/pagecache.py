"""Cache rendered pages on the revision of the data they show.

A page is stored under a key built from its workspace's revision (`Workspace.revision`, bumped
by every change to anything the workspace shows: koers.accounts.revision), the page's own
revision parts (e.g. the viewer's role), today's date (overdue, "silent for", this month), the
viewer, their language and the URL. Revisions live in the database, so every server process
agrees on them even though each keeps its own cache. A change bumps the revision, so a stale copy
is never looked up again — there is nothing to invalidate.

A copy found in the cache also proves that what its URL names (a session, a KPI) existed and was
visible to this viewer at this revision; deleting or moving it bumps the revision. So a view may
leave loading those objects to `get_context`, which raises 404 on a fresh render if they are gone.

The CSRF token differs per browser: pages are rendered with a placeholder that is swapped for the
requester's own token on the way out. Pages showing one-off messages are never cached.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "__koers_csrf_token__"
TIMEOUT = 60 * 60 * 6


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def page_key(request, template_name: str, workspace, revision_parts: tuple) -> str:
    user = request.user
    raw = repr(
        (
            template_name,
            workspace.pk,
            workspace.revision,
            revision_parts,
            timezone.localdate(),
            request.get_full_path(),
            get_language(),
            user.pk,
            user.get_full_name(),
            request.htmx is not False and bool(request.htmx),
        )
    )
    return "koers:page:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def cached_bytes(request, name: str, workspace, revision_parts: tuple, produce):
    """What `produce()` made for this revision (e.g. a PDF), made afresh only on a miss."""
    key = page_key(request, name, workspace, revision_parts)
    content = cache.get(key)
    if content is None:
        content = produce()
        cache.set(key, content, TIMEOUT)
    return content


def render_cached(
    request, template_name: str, workspace, revision_parts: tuple, get_context
) -> HttpResponse:
    """Render `template_name` with `get_context()`, or serve the copy cached for this revision.

    `get_context` is only called on a miss, so a cached page costs no queries for its content.
    """
    if request.method != "GET" or _has_messages(request):
        return HttpResponse(render_to_string(template_name, get_context(), request))
    key = page_key(request, template_name, workspace, revision_parts)
    # Stored encoded and split around the token: serving a copy is then a join of bytes, where
    # replacing in and encoding a few hundred kB of text took a fifth of a cached request.
    chunks = cache.get(key)
    if chunks is None:
        context = {**get_context(), "csrf_token": CSRF_PLACEHOLDER}
        html = render_to_string(template_name, context, request)
        chunks = html.encode().split(CSRF_PLACEHOLDER.encode())
        cache.set(key, chunks, TIMEOUT)
    return HttpResponse(get_token(request).encode().join(chunks))
