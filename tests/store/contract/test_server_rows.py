"""Rows written into the server by hand or by another tool: cleaned on output, refused when damaged.

A file is validated whole when it is opened; a server's rows are checked as
the store turns them into tasks, with the same one-line refusal.
"""

from __future__ import annotations

import orjson
import psycopg
import pytest

from taskboard.model import task_id
from taskboard.store import TaskStore
from taskboard.store.postgres_records import public_location
from tests.cli_helpers import run

from ..fixtures import SOURCE, fixed_now, measures

T1, T2 = task_id(SOURCE, "1"), task_id(SOURCE, "2")


@pytest.fixture
def pg_url(pg_cluster):
    url = pg_cluster.create_database("hand_edited")
    TaskStore(url, now=fixed_now).import_tasks(SOURCE, measures())
    yield url
    pg_cluster.drop_database("hand_edited")


def poison(url: str, task: str, **fields) -> bytes:
    """Rewrite a task's row in place (same seq), as a hand edit in psql would; return it."""
    with psycopg.connect(url, autocommit=True) as conn:
        (data,) = conn.execute("SELECT data::text FROM tasks WHERE id = %s", (task,)).fetchone()
        row = orjson.dumps({**orjson.loads(data), **fields})
        conn.execute("UPDATE tasks SET data = %s::json WHERE id = %s", (row.decode(), task))
    return row


def stored(url: str, task: str) -> bytes:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT data::text FROM tasks WHERE id = %s", (task,)).fetchone()[0].encode()


@pytest.mark.parametrize(
    ("damage", "field"),
    [
        ({"lead_units": "区发改委"}, "lead_units"),
        ({"title": 42}, "title"),
        ({"deadline": "2023-02-30"}, "deadline"),
        ({"status": "paused"}, "status"),
        ({"notes": [{"text": 5}]}, "notes"),
    ],
)
def test_a_damaged_server_row_is_refused_in_one_line_and_left_as_it_was(pg_url, capsys, damage, field):
    row = poison(pg_url, T2, **damage)
    for argv in (("list",), ("show", T2), ("move", T2, "done"), ("note", T2, "新的进展")):
        code, _, err = run(capsys, "--db", pg_url, *argv)
        assert code == 1, argv
        line = err.strip()
        assert "\n" not in line and "Traceback" not in err
        assert public_location(pg_url) in line and T2 in line and field in line
    assert stored(pg_url, T2) == row, "nothing is written over a damaged row"
    # The undamaged tasks stay reachable one by one.
    code, out, _ = run(capsys, "--db", pg_url, "show", T1)
    assert code == 0 and "落实一网一门一次改革" in out


def test_escape_codes_in_a_server_row_never_reach_the_terminal(pg_url, capsys):
    title = "\x1b[2J\u202e恶意标题\x1b]8;;https://evil.example\x07"
    poison(pg_url, T1, title=title, lead_units=["区发改委\x9b"])
    for argv in (("list",), ("show", T1)):
        code, out, err = run(capsys, "--db", pg_url, *argv)
        assert code == 0, err
        for bad in ("\x1b", "\u202e", "\x9b", "\x07"):
            assert bad not in out + err
        assert "恶意标题" in out and "区发改委" in out
