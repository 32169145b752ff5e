"""Django's in-process cache, bounded by size as well as by count, with an optional level shared
by the server processes of one machine.

Cached pages run from a few kB to several hundred, so a limit on the number of entries alone
cannot bound a worker's memory. Past `MAX_BYTES` the least recently used entries go first.

`SHARED_DIR` (see koers/lib/sharedfiles.py): what one worker renders, the others read instead of
rendering it again. Right after a change every worker misses every page; without the shared
level each of them renders each page, with it the first one does. Counters (`add`, `incr`:
the rate limits) stay per process.
"""

import pickle
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager

from django.core.cache.backends import locmem
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

from koers.lib.sharedfiles import SharedFiles

_MISSING = object()
_STRIPES = [threading.Lock() for _ in range(64)]
_holding = threading.local()


class _SizedEntries(OrderedDict):
    """LocMemCache's table of pickled values, counting their bytes as they come and go.

    Summing every entry on each write cost a fraction of a millisecond per write once the cache
    held a few thousand entries: a page rendered afresh stores hundreds of fragments, so a cold
    render in a full cache paid it hundreds of times. Every way Django's backend changes the
    table (`[key] =`, `del`, `popitem`, `clear`) passes here, so the count cannot drift."""

    def __init__(self):
        super().__init__()
        self.bytes = 0

    def __setitem__(self, key, value):
        old = self.get(key)
        if old is not None:
            self.bytes -= len(old)
        super().__setitem__(key, value)
        self.bytes += len(value)

    def __delitem__(self, key):
        self.bytes -= len(self[key])
        super().__delitem__(key)

    def popitem(self, last=True):
        key, value = super().popitem(last)
        self.bytes -= len(value)
        return key, value

    def clear(self):
        super().clear()
        self.bytes = 0


class BoundedMemoryCache(LocMemCache):
    def __init__(self, name, params):
        # Django keeps one table per cache name for every thread's instance: make it ours
        # before LocMemCache picks it up (setdefault: one table, whichever thread comes first).
        locmem._caches.setdefault(name, _SizedEntries())
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self._max_bytes = int(options.get("MAX_BYTES", 48 * 2**20))
        shared = options.get("SHARED_DIR")
        self._shared = (
            SharedFiles(shared, max_bytes=int(options.get("SHARED_BYTES", 256 * 2**20)))
            if shared
            else None
        )

    @contextmanager
    def rendering(self, key):
        """Around making the value of `key` when it was missing: one thread of one process
        (of this process, without the shared level) at a time makes it, the others wait and
        then find it (`koers.lib.pagecache`). Right after a change, every reader of a page
        misses it at once; they would otherwise all render it, each slower for the others.
        A thread holds one such lock at a time, so a render inside a render cannot wait for
        itself."""
        if getattr(_holding, "key", None) is not None:
            yield
            return
        _holding.key = key
        try:
            if self._shared is not None:
                with self._shared.lock(key):
                    yield
            else:
                with _STRIPES[hash(key) % len(_STRIPES)]:
                    yield
        finally:
            _holding.key = None

    def get(self, key, default=None, version=None):
        value = super().get(key, _MISSING, version)
        if value is not _MISSING:
            return value
        if self._shared is None:
            return default
        key = self.make_and_validate_key(key, version)
        found = self._shared.read(key)
        if found is None:
            return default
        pickled, expires_at = found
        try:
            value = pickle.loads(pickled)  # noqa: S301 — written by this application's processes
        except Exception:  # noqa: BLE001 — a file damaged by hand is a miss, not a broken page
            self._shared.delete(key)
            return default
        with self._lock:  # kept here too, until the moment it expires for every process
            self._set(key, pickled, max(expires_at - time.time(), 0.001))
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version)
        pickled = pickle.dumps(value, self.pickle_protocol)
        with self._lock:
            self._set(key, pickled, timeout)
        if self._shared is not None:
            self._shared.write(key, pickled, self.get_backend_timeout(timeout))

    def delete(self, key, version=None):
        deleted = super().delete(key, version)
        if self._shared is not None:
            deleted = self._shared.delete(self.make_and_validate_key(key, version)) or deleted
        return deleted

    def clear(self):
        super().clear()
        if self._shared is not None:
            self._shared.clear()

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        super()._set(key, value, timeout)
        while self._cache.bytes > self._max_bytes and len(self._cache) > 1:
            old_key, _old = self._cache.popitem()  # the end holds the least recently used
            self._expire_info.pop(old_key, None)

    def validate_key(self, key):
        """Accept every key without looking at it. Django's check warns of keys memcached
        would refuse, one character at a time: a few milliseconds for the hundreds of fragment
        keys a dashboard reads at once, and this in-process cache takes any string (Django's
        documentation suggests overriding this method for such a backend)."""

    @property
    def size_in_bytes(self) -> int:
        return self._cache.bytes
