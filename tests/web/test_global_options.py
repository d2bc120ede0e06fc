"""`--as NAME` and `--read-only`: the global options each browser tab's board runs with."""

from __future__ import annotations

from taskboard.cli import main
from tests.web.conftest import FIRST, IMPORTER, cli_json


def test_as_names_the_author_in_history_and_notes(db, capsys):
    assert main(["--db", str(db), "--as", "王五（区发改委）", "move", FIRST, "进行中"]) == 0
    assert main(["--db", str(db), "note", FIRST, "已完成初稿", "--as", "王五（区发改委）"]) == 0
    capsys.readouterr()
    task = cli_json("--db", str(db), "show", FIRST)
    assert task["history"][-2]["who"] == "王五（区发改委）"
    assert task["notes"][-1]["author"] == "王五（区发改委）"


def test_read_only_refuses_a_change_in_one_line_and_keeps_the_file(db, capsys):
    before = db.read_bytes()
    assert main(["--db", str(db), "--read-only", "move", FIRST, "done"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(("taskboard: error:", "taskboard：错误：")) and "以只读方式打开" in err
    assert err.count("\n") == 1
    assert db.read_bytes() == before
    assert cli_json("--db", str(db), "show", FIRST)["history"][-1]["who"] == IMPORTER


def test_as_refuses_a_name_with_control_characters(db, capsys):
    before = db.read_bytes()
    assert main(["--db", str(db), "--as", "张三\x1b[2J", "move", FIRST, "done"]) == 1
    err = capsys.readouterr().err
    assert "--as 需要一个不含控制字符的名字" in err and "\x1b" not in err
    assert db.read_bytes() == before
