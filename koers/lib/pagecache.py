"""The one cache contract for pages and files: `cached_page` and `cached_bytes`.

A copy is stored under a key derived from the request, never chosen by the view:

- the workspace's revision (`Workspace.revision`, bumped by every change to anything the
  workspace shows: koers.accounts.revision). A change makes older copies unreachable, so there
  is nothing to invalidate. Revisions live in the database, so every server process agrees on
  them although each keeps its own cache. A change of role, a rename, a plan archived: all bump
  the revision, so neither the role nor a name nor a plan id needs to be in the key;
- the viewer (pages only: a file is made once for everyone who may open it), the language,
  the URL with its query string, whether htmx asked for a fragment, and today's date (most pages
  say something relative to today: overdue, "silent for", this month);
- the view's declared clock parts (`clock=`): what the page shows of time finer than a day.
  The session list splits sessions at their start time, so its clock part is the number of
  sessions begun: the copy lives until the next one begins. `this_minute()` is the blunt one.

A copy found in the cache also proves that what its URL names (a session, a KPI) existed and was
visible to this viewer at this revision; deleting or moving it bumps the revision. So a view may
leave loading those objects to `get_context`, which raises 404 on a fresh render if they are gone.

The CSRF token differs per browser: pages are rendered with a placeholder that is swapped for the
requester's own token on the way out. Pages showing one-off messages are never cached.

Fragments: a change bumps the revision, so the next reader renders the page afresh. The parts
a change did not touch need not be rendered again: `{% fragment "name" part … %}` (koers.core
templatetags) keeps a block's HTML under a key of what it shows — the rows' own state
(`row_state`), their position, the reader's rights, the language and the date — not under the
revision. Fragments are used only while a cached page is being rendered (they hold the CSRF
placeholder, never a real token).
How to add a cached page: docs/architecture.md, "Adding a cached page".
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "__koers_csrf_token__"
CACHE_HEADER = "X-Koers-Page-Cache"
TIMEOUT = 60 * 60 * 6


def this_minute():
    """A clock part for a page that shows the time to the minute."""
    return timezone.now().replace(second=0, microsecond=0)


# Fields that change nothing a page shows and should not reach a key (even hashed).
UNSHOWN_FIELDS = frozenset({"password", "last_login"})


def row_state(obj) -> tuple:
    """Every stored value of a model instance: what a fragment built from it can show. A fragment
    keyed on it cannot outlive any change to the row, whichever field a template reads. (Only
    loaded values count: do not `defer()` fields of a row a fragment is keyed on.)"""
    if obj is None:
        return ()
    values = obj.__dict__
    return tuple(
        values.get(f.attname) for f in obj._meta.concrete_fields if f.attname not in UNSHOWN_FIELDS
    )


def fragment_key(name: str, parts: tuple) -> str:
    """The key of what is made from `parts` alone (with the language and the date)."""
    raw = repr((name, get_language(), timezone.localdate(), *parts))
    return "koers:fragment:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def cached_fragment(name: str, parts: tuple, render) -> str:
    """The HTML `render()` makes for `parts` (everything the fragment shows), made on a miss."""
    key = fragment_key(name, parts)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return html


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def key_for(request, name: str, workspace, clock: tuple = (), *, per_viewer: bool = True) -> str:
    """The cache key of `name` (a template, a file kind) as `request` asks for it."""
    raw = repr(
        (
            name,
            workspace.pk,
            workspace.revision,
            request.user.pk if per_viewer else None,
            get_language(),
            request.get_full_path(),
            request.htmx is not False and bool(request.htmx),
            timezone.localdate(),
            tuple(clock),
        )
    )
    return "koers:page:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def cached_page(request, template_name: str, workspace, get_context, *, clock=()) -> HttpResponse:
    """Render `template_name` with `get_context()`, or serve the copy cached for this key.

    `get_context` is only called on a miss, so a cached page costs no queries for its content;
    it must not write (a write bumps the revision and throws away the copy just made).
    """
    if request.method != "GET" or _has_messages(request):
        return HttpResponse(render_to_string(template_name, get_context(), request))
    key = key_for(request, template_name, workspace, clock)
    # Stored encoded and split around the token: serving a copy is then a join of bytes, where
    # replacing in and encoding a few hundred kB of text took a fifth of a cached request.
    chunks = cache.get(key)
    found = chunks is not None
    if not found:
        context = {**get_context(), "csrf_token": CSRF_PLACEHOLDER}
        html = render_to_string(template_name, context, request)
        chunks = html.encode().split(CSRF_PLACEHOLDER.encode())
        cache.set(key, chunks, TIMEOUT)
    response = HttpResponse(get_token(request).encode().join(chunks))
    # Whether this answer was rendered afresh: `make bench` counts them in its live session.
    response[CACHE_HEADER] = "hit" if found else "miss"
    return response


def cached_bytes(request, name: str, workspace, produce, *, clock=(), per_viewer=False):
    """What `produce()` made for this key (a PDF, a deck), made afresh only on a miss.

    Made once for everyone who may open it (the view's door decided that), unless the content
    depends on who asks: then pass `per_viewer=True`.
    """
    key = key_for(request, name, workspace, clock, per_viewer=per_viewer)
    content = cache.get(key)
    if content is None:
        content = produce()
        cache.set(key, content, TIMEOUT)
    return content
