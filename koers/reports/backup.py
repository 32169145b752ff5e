"""A consistent copy of the whole Koers database while Koers runs, and putting one back.

SQLite: the online backup API copies page by page under the database's own locks, so writers
keep working and the copy is one moment in time (a file copy of a WAL database is not).
PostgreSQL: `pg_dump` / `pg_restore` in their custom format, when installed.
"""

import shutil
import sqlite3
import subprocess  # noqa: S404 — pg_dump and pg_restore, with argument lists, never a shell
from pathlib import Path

from django.db import connections

MIGRATIONS_TABLE = "django_migrations"
KOERS_APP = "plans"  # a Koers database has run the plans app's migrations


class BackupError(Exception):
    """The backup or restore could not be made; the message says why and what to do."""


def _database(alias: str = "default") -> dict:
    return connections[alias].settings_dict


def is_sqlite(alias: str = "default") -> bool:
    return connections[alias].vendor == "sqlite"


def backup(target: Path, alias: str = "default") -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if is_sqlite(alias):
        _backup_sqlite(Path(_database(alias)["NAME"]), target)
    else:
        _backup_postgres(_database(alias), target)


def restore(source: Path, alias: str = "default") -> None:
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    if is_sqlite(alias):
        check_sqlite_backup(source)
        connections[alias].close()  # the restore replaces the pages under this connection
        _copy_sqlite(source, Path(_database(alias)["NAME"]))
    else:
        _restore_postgres(_database(alias), source)


def _backup_sqlite(database: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy_sqlite(database, partial)
    check_sqlite_backup(partial)
    partial.replace(target)  # a half-written backup never carries the real name


def _copy_sqlite(source: Path, target: Path) -> None:
    with sqlite3.connect(source, timeout=20) as src, sqlite3.connect(target, timeout=20) as dst:
        # pages=512 releases the read lock between steps, so writers are not held up long.
        src.backup(dst, pages=512, sleep=0.005)
    src.close()
    dst.close()


def check_sqlite_backup(path: Path) -> None:
    """Refuse anything that is not an intact Koers database: a wrong file must not replace
    the real one."""
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise BackupError(f"{path} is not an SQLite database.")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"{path} fails SQLite's integrity check: {result}")
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        if MIGRATIONS_TABLE not in tables:
            raise BackupError(f"{path} is not a Koers database (no migrations table).")
        applied = connection.execute(
            f"SELECT COUNT(*) FROM {MIGRATIONS_TABLE} WHERE app = ?",  # noqa: S608 — a constant
            [KOERS_APP],
        ).fetchone()[0]
        if not applied:
            raise BackupError(f"{path} is not a Koers database (no Koers migrations).")
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} cannot be read as a database: {error}") from error
    finally:
        connection.close()


def _pg_args(database: dict) -> tuple[list[str], dict]:
    args = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        args += ["--host", database["HOST"]]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", database["USER"]]
    env = {"PGPASSWORD": database["PASSWORD"]} if database.get("PASSWORD") else {}
    return args, env


def _run(tool: str, args: list[str], env: dict) -> None:
    import os

    program = shutil.which(tool)
    if program is None:
        raise BackupError(
            f"{tool} is not installed. On PostgreSQL, install the PostgreSQL client tools "
            f"(Debian: apt-get install postgresql-client) or run {tool} yourself."
        )
    done = subprocess.run(  # noqa: S603 — a fixed program and an argument list
        [program, *args], env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise BackupError(f"{tool} failed: {done.stderr.strip()}")


def _backup_postgres(database: dict, target: Path) -> None:
    args, env = _pg_args(database)
    # The custom format is one consistent snapshot (pg_dump runs in one transaction).
    _run("pg_dump", [*args, "--format=custom", "--no-owner", "--file", str(target)], env)


def _restore_postgres(database: dict, source: Path) -> None:
    args, env = _pg_args(database)
    connections["default"].close()
    _run(
        "pg_restore",
        [*args, "--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)],
        env,
    )
