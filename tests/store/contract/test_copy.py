"""``taskboard db copy``: a whole board from a file to PostgreSQL and back, nothing lost or changed."""

from __future__ import annotations

from datetime import date

import pytest

from taskboard.model import DocumentInfo, Status, task_id
from taskboard.store import TaskStore
from tests.cli_helpers import run

from ..fixtures import SOURCE, fixed_now, measures


@pytest.fixture
def pg_url(pg_cluster):
    name = "copy_target"
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)


@pytest.fixture
def board(tmp_path):
    """A file board that has lived a little: import, moves, a note, an edit, an undo, an archive."""
    path = tmp_path / "tasks.json"
    s = TaskStore(path, who="协调员@区营商办", now=fixed_now)
    title = "关于印发《伊州区2023年深化放管服改革工作要点》的通知"
    info = DocumentInfo(SOURCE, title=title, number="伊区发〔2023〕3号")
    s.import_tasks(SOURCE, measures(), document=info)
    s.move(task_id(SOURCE, "1"), Status.IN_PROGRESS)
    s.add_note(task_id(SOURCE, "1"), "已梳理事项清单，报区政府审定")
    s.edit(task_id(SOURCE, "4"), deadline=date(2023, 9, 30), lead_units=["区市场监管局", "区税务局"])
    s.move(task_id(SOURCE, "2"), Status.DONE)
    s.undo()
    s.archive(task_id(SOURCE, "5"), "暂缓")
    s.add_task("落实领导交办的政务服务事项", lead_units=["区政务服务中心"])
    return path


def export(capsys, db) -> str:
    code, out, err = run(capsys, "--db", db, "export", "--format", "json")
    assert code == 0, err
    return out


def test_file_to_postgresql_and_back_gives_the_same_board(board, pg_url, tmp_path, capsys):
    back = tmp_path / "back.json"
    code, out, _ = run(capsys, "db", "copy", board, pg_url)
    assert code == 0 and "6 项任务" in out
    code, _, err = run(capsys, "db", "copy", pg_url, back)
    assert code == 0, err
    original = export(capsys, board)
    assert "已梳理事项清单" in original
    assert export(capsys, pg_url) == original
    assert export(capsys, back) == original
    first, on_server, returned = TaskStore(board), TaskStore(pg_url), TaskStore(back)
    assert on_server.history() == first.history() == returned.history()
    assert on_server.documents() == first.documents() == returned.documents()
    assert on_server.revision == first.revision == returned.revision
    assert [t.id for t in on_server.all(archived=None)] == [t.id for t in first.all(archived=None)]
    # The copy is a working board: undo still reaches back into the copied history.
    assert on_server.undo() is not None and on_server.all()[-1].title != "落实领导交办的政务服务事项"
    on_server.records.close()


def test_a_destination_that_holds_a_board_is_refused_untouched(board, pg_url, tmp_path, capsys):
    assert run(capsys, "db", "copy", board, pg_url)[0] == 0
    before = export(capsys, pg_url)
    other = tmp_path / "other.json"
    TaskStore(other, now=fixed_now).import_tasks("另一份文件.txt", measures("另一份文件.txt"))
    code, _, err = run(capsys, "db", "copy", other, pg_url)
    assert code == 1 and "中已有看板" in err and "Traceback" not in err
    assert export(capsys, pg_url) == before
    code, _, err = run(capsys, "db", "copy", pg_url, board)
    assert code == 1 and "中已有看板" in err


def test_a_missing_source_or_unreachable_server_is_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "db", "copy", tmp_path / "没有这个.json", tmp_path / "new.json")
    assert code == 1 and "没有可复制的看板" in err
    assert not (tmp_path / "new.json").exists()
    code, _, err = run(capsys, "db", "copy", tmp_path / "x.json", "postgresql://办公室:机密口令@127.0.0.1:1/board")
    assert code == 1 and err.count("\n") == 1 and "机密口令" not in err


def test_check_on_a_server_board_says_there_is_no_file(capsys):
    code, _, err = run(capsys, "--db", "postgresql://区营商办@127.0.0.1:1/board", "check")
    assert code == 1 and "PostgreSQL 看板没有文件可查" in err and "Traceback" not in err
