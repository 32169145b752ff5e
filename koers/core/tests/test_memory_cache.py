"""The page cache keeps a worker's memory bounded however large the pages are."""

from koers.lib.memorycache import BoundedMemoryCache


def cache(max_bytes, name):
    return BoundedMemoryCache(name, {"OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": 1000}})


def test_large_pages_push_out_the_least_recently_used_ones():
    pages = cache(1_000_000, "test-bounded-1")
    pages.clear()
    for n in range(10):
        pages.set(f"page-{n}", b"x" * 300_000)
        pages.get("page-0")  # read often: stays
    assert pages.size_in_bytes <= 1_000_000
    assert pages.get("page-0") is not None and pages.get("page-9") is not None
    assert pages.get("page-1") is None  # least recently used: gone


def test_small_pages_are_all_kept():
    pages = cache(1_000_000, "test-bounded-2")
    pages.clear()
    for n in range(50):
        pages.set(f"page-{n}", b"x" * 1_000)
    assert all(pages.get(f"page-{n}") is not None for n in range(50))
