"""URL resolution remembered per path.

Django finds a request's view by trying the URL patterns one by one, in order: a page of the
analysis tools was matched after some 130 patterns, 0.05–0.1 ms of every request, a tenth of a
page served from the cache. The answer depends on the path alone (no pattern of Koers reads
the language or the database), so each path's match is kept (a bounded number of them, least
recently used out); a path that matches nothing is tried afresh each time (a 404).
"""

from functools import lru_cache

from django.urls import URLResolver
from django.urls.resolvers import RoutePattern


class RememberingResolver(URLResolver):
    """`patterns` as `include(patterns)` at the root would resolve them, each path's match kept.
    Only the root wraps the match it returns (new argument dicts each time), so the one kept
    here is never changed by a request."""

    def __init__(self, patterns, size: int = 4096):
        super().__init__(RoutePattern(""), patterns)
        self._remembered = lru_cache(maxsize=size)(super().resolve)

    def resolve(self, path):
        return self._remembered(str(path))
