"""The one cache contract for pages and files: `cached_page` and `cached_bytes`.

A copy is stored under a key derived from the request, never chosen by the view:

- the workspace's revision (`Workspace.revision`, bumped by every change to anything the
  workspace shows: koers.accounts.revision). A change makes older copies unreachable, so there
  is nothing to invalidate. Revisions live in the database, so every server process agrees on
  them although each keeps its own cache. A change of role, a rename, a plan archived: all bump
  the revision, so neither the role nor a name nor a plan id needs to be in the key;
- the viewer (pages only: a file is made once for everyone who may open it) or, for a page
  that shows nobody's own (`rights=`), the viewer's rights: one copy for everyone with the same
  capabilities, their own parts filled in per request (see "Personal parts" below), the language,
  the URL with its query string, whether htmx asked for a fragment, and today's date in the
  active time zone, the workspace's (most pages say something relative to today: overdue,
  "silent for", this month; a moment a page shows changing at midnight, as an invitation's
  lapse, needs no clock part of its own);
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
import re
from contextlib import nullcontext

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "__koers_csrf_token__"
CACHE_HEADER = "X-Koers-Page-Cache"
TIMEOUT = 60 * 60 * 6


def this_minute():
    """A clock part for a page that shows the time to the minute."""
    return timezone.now().replace(second=0, microsecond=0)


# Fields that change nothing a page shows and should not reach a key (even hashed).
UNSHOWN_FIELDS = frozenset({"password", "last_login"})


def row_state(obj, leave_out=frozenset()) -> tuple:
    """Every stored value of a model instance: what a fragment built from it can show. A fragment
    keyed on it cannot outlive any change to the row, whichever field a template reads. (Only
    loaded values count: do not `defer()` fields of a row a fragment is keyed on.) `leave_out`:
    columns (attnames) no fragment made from the row shows, which must not move its key."""
    if obj is None:
        return ()
    values, unshown = obj.__dict__, UNSHOWN_FIELDS | leave_out
    return tuple(
        values.get(f.attname) for f in obj._meta.concrete_fields if f.attname not in unshown
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


def cached_fragments(name: str, parts: dict, render) -> dict:
    """Many blocks at once, as `{% fragment name …parts %}` keeps each: `parts` maps a block's
    id to everything it shows; `render(ids)` makes the HTML of the blocks not kept, as {id: html}.
    Returns {id: html} for every id. One read of the cache for them all, and no template loop:
    for a list whose rows a view keys from one cheap query (koers.actions.kept). The active
    time zone is added as the tag adds it, so both share keys' form."""
    zone = get_current_timezone_name()
    keys = {i: fragment_key(name, (zone, *p)) for i, p in parts.items()}
    kept = cache.get_many(keys.values())
    missing = [i for i, key in keys.items() if key not in kept]
    made = render(missing) if missing else {}
    if made:
        cache.set_many({keys[i]: html for i, html in made.items()}, TIMEOUT)
    return {i: made[i] if i in made else kept[key] for i, key in keys.items()}


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def key_for(request, name: str, workspace, clock: tuple = (), *, viewer=None) -> str:
    """The cache key of `name` (a template, a file kind) as `request` asks for it; `viewer` is
    who the copy is for: a user's id, a rights fingerprint (shared pages) or None (files)."""
    raw = repr(
        (
            name,
            workspace.pk,
            workspace.revision,
            viewer,
            get_language(),
            request.get_full_path(),
            request.htmx is not False and bool(request.htmx),
            timezone.localdate(),
            tuple(clock),
        )
    )
    return "koers:page:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def rights_fingerprint(rights) -> tuple:
    """What a shared page's key holds of its viewer: the capabilities the page was rendered for
    (names sorted), never the role's name (a per-plan role with the same rights shares it)."""
    return ("rights", *sorted(str(r) for r in rights))


# --- Personal parts ------------------------------------------------------------------------
# A cached page holds what its viewer sees of their own as markers, filled per request:
# `{% personal "template" ["kept"] %}` (the viewer's name, badges: a small template rendered
# with the requester as `user`; "kept": once per viewer and revision, for what nothing else
# changes) and `{% granted id %}…{% endgranted %}` (controls kept only for the ids `granted()`
# returns, e.g. the actions this viewer may update). Markers start with "<", which escaped
# text can never contain, so no user content can forge one.
MARKER = re.compile(rb"<!--koers:(?:(personal|kept):([\w./-]+)|(grant):(\d+)|(/grant))-->")


def personal_marker(template_name: str, kept: bool = False) -> str:
    return f"<!--koers:{'kept' if kept else 'personal'}:{template_name}-->"


def grant_markers(key) -> tuple[str, str]:
    return f"<!--koers:grant:{int(key)}-->", "<!--koers:/grant-->"


def _parse(html: str) -> tuple:
    """The rendered page as parts to fill per request: bytes, ("csrf",), ("personal", name),
    ("grant", id, parts)."""
    stack, parts = [], []
    position, data = 0, html.encode()
    for match in MARKER.finditer(data):
        parts.extend(_with_csrf(data[position : match.start()]))
        position = match.end()
        if match[1]:
            parts.append((match[1].decode(), match[2].decode()))
        elif match[3]:
            stack.append((parts, int(match[4])))
            parts = []
        else:
            outer, key = stack.pop()
            outer.append(("grant", key, tuple(parts)))
            parts = outer
    if stack:
        raise ValueError("{% granted %} without its end")
    parts.extend(_with_csrf(data[position:]))
    return tuple(parts)


def _with_csrf(chunk: bytes) -> list:
    pieces = chunk.split(CSRF_PLACEHOLDER.encode())
    out = [pieces[0]]
    for piece in pieces[1:]:
        out += [("csrf",), piece]
    return [p for p in out if p != b""]


def render_personal(template_name: str, user, workspace, csrf_token) -> str:
    """A personal part: a small template with only `user`, `workspace`, `csrf_token` and
    `LANGUAGE_CODE`. Rendered on every request, so without the request's context processors
    (a quarter of the cost)."""
    context = Context(
        {
            "user": user,
            "workspace": workspace,
            "csrf_token": csrf_token,
            "LANGUAGE_CODE": get_language(),
        }
    )
    return get_template(template_name).template.render(context)


class _Filler:
    """Fills one page's markers for one request; each personal part is made once."""

    def __init__(self, request, workspace, granted):
        self.request, self.workspace, self.granted = request, workspace, granted
        self.token, self.made, self.grants = get_token(request).encode(), {}, None

    def fill(self, parts, out):
        for part in parts:
            if part.__class__ is bytes:
                out.append(part)
            elif part[0] == "csrf":
                out.append(self.token)
            elif part[0] in ("personal", "kept"):
                if part[1] not in self.made:
                    self.made[part[1]] = self.token.join(self._personal(*part))
                out.append(self.made[part[1]])
            else:
                if self.grants is None:
                    self.grants = self.granted() if self.granted else frozenset()
                if part[1] in self.grants:
                    self.fill(part[2], out)
        return out

    def _personal(self, kind, name) -> list[bytes]:
        user, workspace = self.request.user, self.workspace

        def render():
            html = render_personal(name, user, workspace, CSRF_PLACEHOLDER)
            return html.encode().split(CSRF_PLACEHOLDER.encode())

        if kind == "personal":
            return render()
        # `kept`: made once per viewer and revision (a rename bumps it), as a page of theirs
        # was before pages were shared: rendering a template costs more than serving a copy.
        parts = (user.pk, workspace.pk, workspace.revision)
        return cached_fragment("personal:" + name, parts, render)


class HiddenViewer:
    """Stands in for `request.user` while a shared page is made: the page is for everyone with
    the same rights, so anything reading the viewer fails loudly instead of leaking them."""

    def _refuse(self, *args, **kwargs):
        raise RuntimeError(
            "a shared cached page read the viewer: use {% personal %} or {% granted %}"
        )

    __getattr__ = __str__ = __bool__ = __eq__ = __hash__ = __iter__ = _refuse


def cached_page(
    request, template_name: str, workspace, get_context, *, clock=(), rights=None, granted=None
) -> HttpResponse:
    """Render `template_name` with `get_context()`, or serve the copy cached for this key.

    `get_context` is only called on a miss, so a cached page costs no queries for its content;
    it must not write (a write bumps the revision and throws away the copy just made).

    `rights` (the viewer's capabilities on the page's plan): the page is shared by everyone
    with these rights; neither `get_context` nor the template may read the viewer (they get a
    `HiddenViewer`), only `{% personal %}` and `{% granted %}` parts. `granted()` returns the
    ids whose `{% granted %}` parts this viewer sees; it runs only when the page has some.
    """
    cacheable = request.method == "GET" and not _has_messages(request)
    viewer = request.user.pk if rights is None else rights_fingerprint(rights)
    key = key_for(request, template_name, workspace, clock, viewer=viewer)
    parts = cache.get(key) if cacheable else None
    found = parts is not None
    if not cacheable:
        parts = _parse(_render(request, template_name, get_context, shared=rights is not None))
    elif not found:
        with _one_at_a_time(key):
            parts = cache.get(key)  # made by another reader while this one waited
            found = parts is not None
            if not found:
                shared = rights is not None
                parts = _parse(_render(request, template_name, get_context, shared=shared))
                cache.set(key, parts, TIMEOUT)
    # Stored as bytes split around the personal parts: serving a copy is then a join of bytes,
    # where replacing in and encoding a few hundred kB of text took a fifth of a cached request.
    body = b"".join(_Filler(request, workspace, granted).fill(parts, []))
    response = HttpResponse(body)
    # Whether this answer was rendered afresh: `make bench` counts them in its live session.
    response[CACHE_HEADER] = "hit" if found else "miss"
    return response


def _render(request, template_name, get_context, *, shared: bool) -> str:
    if not shared:
        context = {**get_context(), "csrf_token": CSRF_PLACEHOLDER}
        return render_to_string(template_name, context, request)
    user = request.user
    request.user = HiddenViewer()
    try:
        context = {**get_context(), "csrf_token": CSRF_PLACEHOLDER}
        return render_to_string(template_name, context, request)
    finally:
        request.user = user


def cached_bytes(request, name: str, workspace, produce, *, clock=(), per_viewer=False):
    """What `produce()` made for this key (a PDF, a deck), made afresh only on a miss.

    Made once for everyone who may open it (the view's door decided that), unless the content
    depends on who asks: then pass `per_viewer=True`.
    """
    viewer = request.user.pk if per_viewer else None
    key = key_for(request, name, workspace, clock, viewer=viewer)
    content = cache.get(key)
    if content is None:
        with _one_at_a_time(key):
            content = cache.get(key)
            if content is None:
                content = produce()
                cache.set(key, content, TIMEOUT)
    return content


def _one_at_a_time(key):
    """Readers missing the same key wait for the one making it (the cache backend's
    `rendering`: across this machine's processes where they share a cache level)."""
    rendering = getattr(cache, "rendering", None)
    return rendering(key) if rendering else nullcontext()
