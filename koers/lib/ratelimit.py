"""Fixed-window counters in Django's cache, for endpoints reached without a login (personal
update links, unsubscribe links, the inbound-mail endpoint). Per worker process with the
default local-memory cache: with N workers an address gets up to N × the limit."""

from django.core.cache import cache


def over_limit(key: str, limit: int, seconds: int, add: bool = True) -> bool:
    """Count one more under `key` (kept `seconds`) and say whether it passed `limit`; with
    add=False only look whether the limit is reached. A limit of 0 is no limit."""
    if not limit:
        return False
    if add:
        cache.add(key, 0, seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, seconds)  # `add`: a counter stays in this process's memory
            count = 1
        return count > limit
    return cache.get(key, 0) >= limit
