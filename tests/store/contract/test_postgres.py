"""What only the PostgreSQL backend has: its URL in messages, its own schema version, the CLI on a server."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from taskboard.cli import main
from taskboard.store import ReadOnlyDatabase, StoreError, TaskStore
from taskboard.store.pg_migrations import PG_SCHEMA_VERSION
from taskboard.store.postgres_records import public_location

from ..fixtures import SOURCE, fixed_now, measures


@pytest.fixture
def pg_url(pg_cluster):
    url = pg_cluster.create_database("pg_only")
    yield url
    pg_cluster.drop_database("pg_only")


def test_a_location_never_shows_the_password():
    url = "postgresql://区营商办:s3cr%40t@db.local:5432/board?password=x&sslmode=require"
    assert public_location(url) == "postgresql://区营商办@db.local:5432/board?sslmode=require"


def test_a_board_written_by_a_newer_taskboard_opens_read_only(pg_url):
    TaskStore(pg_url, now=fixed_now).import_tasks(SOURCE, measures())
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE schema_version SET version = %s", (PG_SCHEMA_VERSION + 1,))
    store = TaskStore(pg_url)
    assert "newer taskboard" in (store.read_only_reason or "")
    assert len(store.all()) == 5  # still readable
    with pytest.raises(ReadOnlyDatabase):
        store.move(store.all()[0].id, "done")


def test_a_reader_of_an_empty_database_creates_nothing(pg_url):
    with pytest.raises(StoreError, match="holds no taskboard yet"):
        TaskStore(pg_url, writable=False)
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT to_regclass('tasks')").fetchone() == (None,)


def test_the_command_line_works_on_a_server_board(pg_url, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TASKBOARD_DB", pg_url)
    assert main(["list", "--json"]) == 0  # a new board: created and seeded
    seeded = json.loads(capsys.readouterr().out)
    assert seeded
    first = next(t for t in seeded if t["status"] != "in_progress")
    tid = first["id"]
    assert main(["move", tid, "进行中"]) == 0
    assert main(["note", tid, "已报送第一季度进展"]) == 0
    capsys.readouterr()
    assert main(["show", tid, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "in_progress" and shown["notes"][-1]["text"] == "已报送第一季度进展"
    assert main(["undo"]) == 0 and main(["undo"]) == 0
    capsys.readouterr()
    assert main(["show", tid, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == first["status"]
    # The board really is on the server (TASKBOARD_DB was not taken for a file name).
    with psycopg.connect(pg_url) as conn:
        (count,) = conn.execute("SELECT count(*) FROM tasks WHERE NOT deleted").fetchone()
    assert count == len(seeded)
    assert not list(tmp_path.glob("postgres*")) and not Path("postgresql:").exists()


def test_a_lost_connection_mid_write_changes_nothing_and_the_store_reconnects(pg_url):
    store = TaskStore(pg_url, now=fixed_now)
    store.import_tasks(SOURCE, measures())
    first, second = store.all()[0].id, store.all()[1].id
    before = store.revision
    with pytest.raises(StoreError, match="cannot write to") as err, store.transaction():
        store.move(first, "done")
        # The server drops this board's connections (a restart, a DBA) before the commit.
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    assert "\n" not in str(err.value)
    assert store.get(first).status.value == "not_started" and store.revision == before
    assert TaskStore(pg_url).get(first).status.value == "not_started"
    store.move(second, "done")  # the next write opens a new connection
    assert TaskStore(pg_url).get(second).status.value == "done"
