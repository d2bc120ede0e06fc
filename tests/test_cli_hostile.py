"""Hostile data through the command line: escape codes, markup, damaged databases, odd paths."""

from __future__ import annotations

import json

import orjson
import pytest

from taskboard.model import Status, task_id
from taskboard.store import TaskStore
from tests.cli_helpers import run

from .store.fixtures import SOURCE, imported_board

T1, T2 = task_id(SOURCE, "1"), task_id(SOURCE, "2")
# What a hostile document or a hand-edited database may carry.
ESCAPES = ("\x1b[31m", "\x1b[2J", "\x1b]8;;https://evil.example\x07", "\x1b]0;owned\x07", "\u202e", "\x9b")


@pytest.fixture
def db(tmp_path):
    return imported_board(tmp_path)


def poison(db, task: str, **fields) -> None:
    """Write fields straight into the file, as a hand edit or another tool would."""
    data = orjson.loads(db.read_bytes())
    data["tasks"][task].update(fields)
    db.write_bytes(orjson.dumps(data))


def assert_clean(text: str) -> None:
    for bad in ("\x1b", "\u202e", "\x9b", "\x07"):
        assert bad not in text, f"{bad!r} reached the terminal"


def test_escape_codes_in_a_document_never_reach_the_terminal(tmp_path, capsys):
    doc = tmp_path / "恶意文件.txt"
    doc.write_text(
        "关于印发测试工作要点的通知\n"
        "1.推进\x1b[2J政务服务\x1b[31m改革\x1b[0m。（牵头单位：区发改委\u202e）\n"
        "2.落实\x1b]8;;https://evil.example\x07链接\x1b]8;;\x07清单管理。（牵头单位：区财政局）\n"
        # A real document is mostly ordinary text (a file of mostly controls is refused as binary).
        + "".join(f"{n}.深化审批制度改革。（牵头单位：区政务服务中心）\n" for n in range(3, 30)),
        encoding="utf-8",
    )
    db = tmp_path / "board.json"
    assert run(capsys, "--db", db, "import", doc)[0] == 0
    stored = TaskStore(db).find(source=doc.name)
    assert stored and all("\x1b" not in t.text and "\u202e" not in t.text for t in stored)
    for argv in (
        ("list", "--source", doc.name),
        ("show", stored[0].id),
        ("summary",),
        ("remind", "--within", "400"),
        ("export", "--format", "csv"),
    ):
        code, out, err = run(capsys, "--db", db, *argv)
        assert code == 0, err
        assert_clean(out + err)


@pytest.mark.parametrize("argv", [("list",), ("show", T1), ("summary",), ("export", "--format", "csv")])
def test_escape_codes_written_into_the_database_are_stripped_on_output(db, capsys, argv):
    poison(db, T1, title="".join(ESCAPES) + "恶意标题", lead_units=["区发改委\x1b[2J"])
    TaskStore(db).add_note(T1, "进展\x1b[31m正常")
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 0, err
    assert_clean(out + err)
    if argv[0] in ("list", "show"):
        assert "恶意标题" in out and "区发改委" in out


def test_markup_in_titles_is_shown_as_written(db, tmp_path, capsys):
    poison(db, T1, title="推进[/]改革[link=https://evil.example]点我[/link]")
    code, out, err = run(capsys, "--db", db, "list")
    assert code == 0 and "Traceback" not in err
    assert "推进[/]改革" in out.replace("\n", "")
    code, out, err = run(capsys, "--db", db, "show", T1)
    assert code == 0 and "[link=https://evil.example]" in out
    doc = tmp_path / "标记.txt"
    doc.write_text("[bold]测试[/]要点\n1.推进[/]审批改革。（牵头单位：区发改委）\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", doc, "--dry-run")
    assert code == 0, err
    assert "[/]" in out


@pytest.mark.parametrize(
    ("damage", "field"),
    [
        ({"lead_units": "区发改委"}, "lead_units"),
        ({"title": 42}, "title"),
        ({"deadline": 20230630}, "deadline"),
        ({"deadline": "2023-02-30"}, "deadline"),
        ({"status": "paused"}, "status"),
        ({"deadline_kind": "someday"}, "deadline_kind"),
        ({"notes": "不是列表"}, "notes"),
        ({"notes": [{"text": 5}]}, "notes"),
        ({"id": None}, "id"),
    ],
)
def test_damaged_database_is_refused_naming_file_task_and_field(db, capsys, damage, field):
    poison(db, T2, **damage)
    before = db.read_bytes()
    for argv in (("list",), ("show", T2), ("summary",), ("note", T2, "新的进展"), ("move", T2, "done")):
        code, out, err = run(capsys, "--db", db, *argv)
        assert code == 1, argv
        line = err.strip()
        assert "\n" not in line and "Traceback" not in err
        assert str(db) in line and T2 in line and field in line
    assert db.read_bytes() == before, "nothing is written to a damaged database"
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 1 and T2 in out and field in out


@pytest.mark.parametrize(
    "data",
    [
        {"meta": [], "tasks": {}},
        {"meta": {"db": {"schema": 1, "seq": "7"}}, "tasks": {}},
        {"meta": {"db": {"schema": 1, "seq": 0}}, "tasks": []},
        {"meta": {"db": {"schema": 1, "seq": 0}}, "tasks": {"x": 5}},
    ],
)
def test_malformed_top_level_blocks_are_refused(tmp_path, capsys, data):
    db = tmp_path / "board.json"
    db.write_bytes(orjson.dumps(data))
    code, _, err = run(capsys, "--db", db, "list")
    assert code == 1 and str(db) in err and "Traceback" not in err
    assert orjson.loads(db.read_bytes()) == data


def test_check_lists_every_problem_and_passes_a_good_file(db, capsys):
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 0 and "没有发现问题（5 项任务）" in out
    poison(db, T1, lead_units="区发改委")
    poison(db, T2, status="暂停")
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 1
    assert T1 in out and "lead_units" in out and T2 in out and "status" in out and "2 个问题" in out


def test_a_list_of_some_other_programs_json_leaves_it_untouched(tmp_path, capsys):
    other = tmp_path / "servers.json"
    other.write_text(json.dumps({"servers": {"web": {"port": 80}}}), encoding="utf-8")
    before = other.read_bytes()
    code, _, err = run(capsys, "--db", other, "list")
    assert code == 1 and "不是 taskboard 数据库" in err
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["servers.json"]


def test_unknown_task_and_bad_status_are_one_line(db, capsys):
    code, _, err = run(capsys, "--db", db, "move", "nope", "done")
    assert code == 1 and err.count("\n") == 1 and "nope" in err
    code, _, err = run(capsys, "--db", db, "move", T1, "paused")
    assert code == 1 and err.count("\n") == 1


def test_database_path_under_a_file_is_explained(tmp_path, capsys):
    blocker = tmp_path / "文件"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "--db", blocker / "board.json", "move", T1, "done")
    assert code == 1
    assert "是文件，不是文件夹" in err and "File exists" not in err


def test_file_names_with_newlines_and_escapes_are_echoed_safely(tmp_path, capsys):
    name = tmp_path / "坏\n名字\x1b[2J.txt"
    code, _, err = run(capsys, "--db", tmp_path / "b.json", "import", name)
    assert code == 1
    assert err.count("\n") == 1 and "\x1b" not in err


def test_cli_move_from_a_stale_read_is_refused(db, capsys, monkeypatch):
    # Between `move` reading the task and writing it, a colleague moves it.
    real_move = TaskStore.move

    def colleague_first(self, task, status, *, expect=None, today=None):
        real_move(TaskStore(db, who="区发改委@办公室"), T1, Status.DONE)
        self.refresh()
        return real_move(self, task, status, expect=expect, today=today)

    monkeypatch.setattr(TaskStore, "move", colleague_first)
    code, _, err = run(capsys, "--db", db, "move", T1, "in_progress")
    assert code == 1 and "区发改委@办公室" in err and "你的移动没有保存" in err and "已完成" in err
    monkeypatch.undo()
    assert TaskStore(db).get(T1).status is Status.DONE
