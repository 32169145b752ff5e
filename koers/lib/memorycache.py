"""Django's in-process cache, bounded by size as well as by count.

Cached pages run from a few kB to several hundred, so a limit on the number of entries alone
cannot bound a worker's memory. Past `MAX_BYTES` the least recently used entries go first.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class BoundedMemoryCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 48 * 2**20))

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        super()._set(key, value, timeout)
        # Summed on every write: writes happen only when a page is rendered afresh, and a few
        # thousand lengths add up in well under a millisecond.
        total = self.size_in_bytes
        while total > self._max_bytes and len(self._cache) > 1:
            old_key, old = self._cache.popitem()  # the end holds the least recently used
            self._expire_info.pop(old_key, None)
            total -= len(old)

    def validate_key(self, key):
        """Accept every key without looking at it. Django's check warns of keys memcached
        would refuse, one character at a time: a few milliseconds for the hundreds of fragment
        keys a dashboard reads at once, and this in-process cache takes any string (Django's
        documentation suggests overriding this method for such a backend)."""

    @property
    def size_in_bytes(self) -> int:
        return sum(map(len, self._cache.values()))
