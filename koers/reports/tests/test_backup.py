"""manage.py backup and restore: a copy taken while Koers runs puts every row back."""

import shutil
import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from koers.plans.models import Goal, Plan

pytestmark = pytest.mark.django_db(transaction=True)


def _snapshot():
    return (
        list(Plan.objects.order_by("pk").values("pk", "name", "objective")),
        list(Goal.objects.order_by("pk").values("pk", "title", "plan_id")),
    )


def _needs_tools():
    if connection.vendor != "sqlite" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")


def test_restore_puts_back_what_the_backup_saw(plan, tmp_path):
    _needs_tools()
    before = _snapshot()
    target = tmp_path / "koers.backup"
    call_command("backup", str(target))

    plan.name = "Changed after the backup"
    plan.save()
    Goal.objects.filter(plan=plan).delete()
    assert _snapshot() != before

    call_command("restore", str(target), "--noinput")
    assert _snapshot() == before


def test_restore_refuses_a_file_that_is_not_a_koers_database(plan, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite checks")
    before = _snapshot()
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE things (id INTEGER)")
    db.close()

    with pytest.raises(CommandError, match="not an SQLite database"):
        call_command("restore", str(text), "--noinput")
    with pytest.raises(CommandError, match="not a Koers database"):
        call_command("restore", str(other), "--noinput")
    assert _snapshot() == before


def test_restore_refuses_a_damaged_backup(plan, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite checks")
    target = tmp_path / "koers.backup"
    call_command("backup", str(target))
    data = bytearray(target.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\xff" * 200  # scribble over a table's page
    target.write_bytes(bytes(data))
    before = _snapshot()

    with pytest.raises(CommandError, match="integrity check|cannot be read"):
        call_command("restore", str(target), "--noinput")
    assert _snapshot() == before
