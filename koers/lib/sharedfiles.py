"""Cached values in files of one directory, shared by the server processes of one machine.

The page cache's second level (koers/lib/memorycache.py). Every key already names its content
(a workspace revision, a fragment's state: koers/lib/pagecache.py), so a value written by one
process is right for every other, and nothing is ever invalidated: entries only expire or are
swept when the directory grows past its bound.

- A file is written beside its place and renamed into it, so a reader sees a whole value or
  none. Eight bytes of expiry time come first.
- The directory must be writable by Koers's own user only (as `var/` is): values are pickles.
- Failures (a full disk, a file swept while being read) count as a miss: a cache must never
  break a page.
- It lives as long as the server: gunicorn empties it when it starts (`gunicorn.conf.py`), and
  only then do its workers use it. So nothing rendered before a restart is read after it: a
  database restored from a backup starts at an older revision, and a page kept under that
  number would show what came after.
- Each process sweeps every `SWEEP_EVERY` writes: the least recently written files go until the
  directory holds at most `max_bytes`.
"""

import fcntl
import hashlib
import logging
import os
import re
import struct
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

logger = logging.getLogger(__name__)
HEADER = struct.Struct("<d")  # expiry, seconds since the epoch (inf: never)
SWEEP_EVERY = 200
LOCKS = 256  # render locks, shared by keys whose hashes agree modulo this
NEVER = float("inf")


class SharedFiles:
    def __init__(self, directory, max_bytes: int):
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self._writes = 0
        self._ready = self._warned = False

    def _path(self, key: str) -> Path:
        return self.directory / hashlib.blake2b(key.encode(), digest_size=20).hexdigest()

    def read(self, key: str) -> tuple[bytes, float] | None:
        """The pickled value and its expiry time, or None."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        if len(data) < HEADER.size:
            return None
        (expires_at,) = HEADER.unpack_from(data)
        if expires_at <= time.time():
            return None
        return data[HEADER.size :], expires_at

    def write(self, key: str, pickled: bytes, expires_at: float | None) -> None:
        path = self._path(key)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            if not self._ready:
                self.directory.mkdir(parents=True, exist_ok=True)
                self._ready = True
            with open(temporary, "wb") as file:
                file.write(HEADER.pack(NEVER if expires_at is None else expires_at))
                file.write(pickled)
            os.replace(temporary, path)
        except OSError as error:
            if not self._warned:  # once per process: the cache works on without this level
                logger.warning("shared page cache: cannot write %s: %s", path, error)
                self._warned = True
            return
        self._writes += 1
        if self._writes % SWEEP_EVERY == 0:
            self.sweep()

    @contextmanager
    def lock(self, key: str):
        """Held by one thread of one process at a time (per key, give or take a shared stripe):
        the others wait, then find the value it wrote. Without the directory, no lock."""
        digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
        path = self.directory / "locks" / str(int.from_bytes(digest) % LOCKS)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            file = open(path, "ab")  # noqa: SIM115 — closed below, after the lock is released
        except OSError:
            yield
            return
        try:
            fcntl.flock(file, fcntl.LOCK_EX)  # released by the kernel if this process dies
            yield
        finally:
            file.close()  # releases the lock

    def delete(self, key: str) -> bool:
        try:
            self._path(key).unlink()
        except OSError:
            return False
        return True

    def clear(self) -> None:
        for entry in self._entries():
            _unlink(entry.path)

    def sweep(self) -> None:
        """The least recently written out until within `max_bytes` (an expired file is never
        read: `read` checks its time), and what a killed process left half-written."""
        kept, now = [], time.time()
        for entry in self._entries(hidden=True):
            try:
                stat = entry.stat()
            except OSError:
                continue
            if entry.name.startswith("."):
                if stat.st_mtime < now - 3600:
                    _unlink(entry.path)
            else:
                kept.append((stat.st_mtime, stat.st_size, entry.path))
        total = sum(size for _mtime, size, _path in kept)
        for _mtime, size, path in sorted(kept):
            if total <= self.max_bytes:
                break
            _unlink(path)
            total -= size

    def _entries(self, hidden: bool = False) -> list:
        try:
            with os.scandir(self.directory) as entries:
                return [
                    e
                    for e in entries
                    if e.is_file(follow_symlinks=False) and (hidden or not e.name.startswith("."))
                ]
        except OSError:
            return []


NAME = re.compile(r"\.?[0-9a-f]{40}(\.\d+\.\d+)?")  # an entry, or one being written


def empty(directory) -> None:
    """Remove every entry (only files named as this module names them: a mistyped setting
    can never make this delete anything else)."""
    for path in (Path(directory), Path(directory) / "locks"):
        try:
            names = os.listdir(path)
        except OSError:
            continue
        for name in names:
            if NAME.fullmatch(name) or (path.name == "locks" and name.isdigit()):
                _unlink(path / name)


def _unlink(path) -> None:
    with suppress(OSError):  # gone already, or swept by another process
        os.unlink(path)
