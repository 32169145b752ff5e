"""The page cache keeps a worker's memory bounded however large the pages are."""

import os
import threading
import time
from pathlib import Path

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


def test_the_bytes_counted_are_those_held_through_every_kind_of_change():
    pages = BoundedMemoryCache(
        "test-bounded-3", {"OPTIONS": {"MAX_BYTES": 50_000, "MAX_ENTRIES": 30}}
    )
    pages.clear()

    def held():
        return sum(map(len, pages._cache.values()))

    for n in range(60):  # past MAX_ENTRIES: Django culls a third at a time
        pages.set(f"page-{n}", b"x" * (100 * n))
        assert pages.size_in_bytes == held() <= 50_000
    pages.set("page-59", b"short")  # replaced
    pages.delete("page-58")
    pages.add("count", 1)
    pages.incr("count", 10**30)  # a counter that grows in place
    pages.set("expired", b"x", timeout=0.001)
    time.sleep(0.01)
    assert pages.get("expired") is None
    assert pages.size_in_bytes == held()
    pages.clear()
    assert pages.size_in_bytes == 0


# The level shared by the processes of one machine (koers/lib/sharedfiles.py): two caches with
# their own memory over one directory stand for two gunicorn workers.


def worker(name, directory, shared_bytes=10_000_000):
    options = {"MAX_BYTES": 1_000_000, "MAX_ENTRIES": 1000, "SHARED_DIR": str(directory)}
    return BoundedMemoryCache(name, {"OPTIONS": {**options, "SHARED_BYTES": shared_bytes}})


def test_what_one_worker_rendered_the_other_reads_instead_of_rendering(tmp_path):
    first, second = worker("test-shared-a", tmp_path), worker("test-shared-b", tmp_path)
    first.clear()
    second.clear()
    assert second.get("page") is None
    first.set("page", (b"<html>", ("csrf",), b"</html>"), 60)
    assert second.get("page") == (b"<html>", ("csrf",), b"</html>")
    second.clear()  # emptied (the tests, the bench): no worker reads it from the files any more
    assert worker("test-shared-a2", tmp_path).get("page") is None


def test_an_expired_or_damaged_copy_is_a_miss(tmp_path, monkeypatch):
    first, second = worker("test-shared-c", tmp_path), worker("test-shared-d", tmp_path)
    first.set("soon", b"x", 1)
    first.set("damaged", b"y", 60)
    damaged = first._shared._path(first.make_and_validate_key("damaged"))
    damaged.write_bytes(damaged.read_bytes()[:9] + b"not a pickle")
    real_time = time.time
    monkeypatch.setattr("koers.lib.sharedfiles.time.time", lambda: real_time() + 5)
    assert second.get("soon") is None
    assert second.get("damaged") is None
    assert not damaged.exists()


def test_the_directory_is_swept_down_to_its_bound_oldest_first(tmp_path, monkeypatch):
    monkeypatch.setattr("koers.lib.sharedfiles.SWEEP_EVERY", 5)
    cache_ = worker("test-shared-e", tmp_path, shared_bytes=350_000)
    cache_.clear()
    for n in range(10):
        cache_.set(f"page-{n}", b"x" * 100_000, 60)
    files = [p for p in tmp_path.iterdir() if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= 350_000
    other = worker("test-shared-f", tmp_path)
    assert other.get("page-9") is not None  # the newest stay
    assert other.get("page-0") is None


def test_one_worker_renders_a_missing_page_while_the_other_waits_for_it(tmp_path):
    first, second = worker("test-shared-g", tmp_path), worker("test-shared-h", tmp_path)
    first.clear()
    rendering, renders, done = threading.Event(), [], []

    def reader(cache_, slow):
        with cache_.rendering("page"):
            if cache_.get("page") is None:
                renders.append(cache_)
                if slow:
                    rendering.set()
                    time.sleep(0.3)
                cache_.set("page", b"made once", 60)
        done.append(cache_.get("page"))

    one = threading.Thread(target=reader, args=(first, True))
    one.start()
    rendering.wait(5)
    two = threading.Thread(target=reader, args=(second, False))
    two.start()
    one.join(5)
    two.join(5)
    assert renders == [first]
    assert done == [b"made once", b"made once"]


def test_starting_the_server_empties_only_what_the_shared_level_wrote(tmp_path, monkeypatch):
    first = worker("test-shared-i", tmp_path)
    first.set("page", b"rendered before the restart", 60)
    with first.rendering("page"):
        pass
    (tmp_path / "koers.sqlite3").write_bytes(b"a database someone keeps here by mistake")
    config = {"__file__": str(Path(__file__).resolve().parents[3] / "gunicorn.conf.py")}
    exec(Path(config["__file__"]).read_text(), config)  # noqa: S102 — the server's own hook
    monkeypatch.setenv("PAGE_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("KOERS_SHARED_PAGE_CACHE", "")  # restored (unset) after the test
    config["on_starting"](server=None)
    assert os.environ["KOERS_SHARED_PAGE_CACHE"] == str(tmp_path)
    assert worker("test-shared-j", tmp_path).get("page") is None
    assert (tmp_path / "koers.sqlite3").exists()
    assert not [p for p in (tmp_path / "locks").iterdir()]
