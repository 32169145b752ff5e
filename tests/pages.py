"""What every cached-page test needs: a page as a reader sees it, a fresh render to compare it
with, and the queries a request costs (koers.lib.pagecache; docs/architecture.md)."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

# The CSRF token is masked differently in every response; the rest of a page must be the same.
CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]*')


def without_csrf(html: str) -> str:
    return CSRF.sub(r"\1", html)


def html(client, url, **headers) -> str:
    """The page at `url` as its reader sees it (from the cache if it is there), CSRF left out."""
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return without_csrf(response.content.decode())


def fresh(client, url, **headers) -> str:
    """The page rendered from scratch: every cache emptied first."""
    cache.clear()
    return html(client, url, **headers)


def assert_fresh(client, url, served: str, why: str = "", **headers) -> None:
    """`served` (what the reader got after a change) equals a page rendered from scratch."""
    assert served == fresh(client, url, **headers), f"{url} stale after: {why}"


def queries(client, url, **headers) -> int:
    """How many queries one GET of `url` costs (with whatever is in the cache)."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **headers).status_code == 200
    return len(ctx.captured_queries)


def fresh_queries(client, url, **headers) -> int:
    """How many queries a render from scratch costs: the page's own, not its cached copy's."""
    cache.clear()
    return queries(client, url, **headers)
