"""The command line as a coordinator uses it in a shell."""

from __future__ import annotations

import json

import pytest

from taskboard.cli import main
from taskboard.model import task_id
from taskboard.store import TaskStore
from tests.cli_helpers import run

from .store.fixtures import SOURCE, imported_board, measures

T2 = task_id(SOURCE, "2")


@pytest.fixture
def db(tmp_path):
    return imported_board(tmp_path)


def test_move_show_undo_round_trip(db, capsys):
    code, out, _ = run(capsys, "--db", db, "move", T2, "in_progress")
    assert code == 0 and "未开始 → 进行中" in out
    _, out, _ = run(capsys, "--db", db, "show", T2, "--json")
    shown = json.loads(out)
    assert shown["status"] == "in_progress"
    assert [(h["action"], h["old"], h["new"]) for h in shown["history"]][-1] == (
        "move",
        "not_started",
        "in_progress",
    )
    assert run(capsys, "--db", db, "undo")[0] == 0
    _, out, _ = run(capsys, "show", T2, "--json", "--db", db)  # options after the command work too
    assert json.loads(out)["status"] == "not_started"


def test_chinese_status_spelling_is_accepted(db, capsys):
    assert run(capsys, "--db", db, "move", T2, "已完成")[0] == 0
    assert TaskStore(db).get(T2).status.value == "done"


def test_list_filters_by_lead_and_prints_json(db, capsys):
    code, out, _ = run(capsys, "--db", db, "list", "--lead", "区市场监管局", "--json")
    assert code == 0
    assert [t["number"] for t in json.loads(out)] == ["2", "4"]


def test_list_table_shows_countdowns(db, capsys):
    _, out, _ = run(capsys, "--db", db, "--today", "2023-06-20", "list", "--lead", "区市场监管局")
    assert "剩10天" in out and "推进证照分离改革全覆盖" in out


def test_note_is_recorded(db, capsys):
    assert run(capsys, "--db", db, "note", T2, "已完成系统联调")[0] == 0
    assert TaskStore(db).get(T2).notes[-1].text == "已完成系统联调"


def test_export_json_has_the_promised_fields(db, capsys):
    code, out, _ = run(capsys, "--db", db, "export", "--format", "json")
    tasks = json.loads(out)
    assert code == 0 and len(tasks) == 5
    promised = {
        "id",
        "source",
        "number",
        "title",
        "text",
        "section",
        "lead_units",
        "co_units",
        "deadline",
        "deadline_text",
        "deadline_kind",
        "status",
        "notes",
        "history",
    }
    assert promised <= set(tasks[0])
    assert tasks[1]["deadline"] == "2023-06-30" and tasks[3]["deadline"] is None
    assert tasks[0]["history"][0]["action"] == "import"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["move", "nope-1", "done"], "没有编号为 nope-1 的任务"),
        (["move", T2, "finished"], "未知状态“finished”"),
        (["show", "nope-1"], "没有编号为"),
        (["--today", "2023-13-01", "list"], "--today 的日期“2023-13-01”无法识别"),
        (["edit", T2, "--deadline", "明年"], "--deadline 的日期“明年”无法识别"),
        (["note", T2, "  "], "进展内容不能为空"),
        (["import", "missing.txt"], "missing.txt：文件不存在"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(db, capsys, argv, message):
    before = db.read_bytes()
    code, _out, err = run(capsys, "--db", db, *argv)
    assert code != 0
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert db.read_bytes() == before


def test_unknown_command_is_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_garbage_database_is_reported_and_untouched(tmp_path, capsys):
    db = tmp_path / "tasks.json"
    garbage = b"\x89PNG\r\n\x1a\n not a database"
    db.write_bytes(garbage)
    code, _, err = run(capsys, "--db", db, "list")
    assert code == 1
    assert str(db) in err and "不是有效的 JSON" in err and len(err.splitlines()) == 1
    assert db.read_bytes() == garbage


def test_undo_with_nothing_to_undo(tmp_path, capsys):
    db = tmp_path / "empty.json"
    TaskStore(db).import_tasks(SOURCE, measures()[:1])
    assert run(capsys, "--db", db, "undo")[0] == 0  # undoes the import
    code, _, err = run(capsys, "--db", db, "undo")
    assert code == 1 and "没有可撤销的更改" in err


def test_import_reports_counts_and_reimport_changes_nothing(tmp_path, capsys):
    db, doc = tmp_path / "b.json", tmp_path / "营商环境工作要点.txt"
    TaskStore(db).import_tasks(SOURCE, measures()[:1])
    doc.write_text(
        "一、主要任务\n1.开展营商环境评价。\n牵头单位：区发改委\n完成时限：2023年9月底前\n"
        "2.推进证照分离改革。\n牵头单位：区市场监管局\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", db, "import", doc)
    assert code == 0 and "新增 2 项" in out
    before = db.read_bytes()
    code, out, _ = run(capsys, "--db", db, "import", doc)
    assert code == 0 and "未变 2 项" in out
    assert db.read_bytes() == before


def test_dry_run_previews_and_writes_nothing(tmp_path, capsys):
    db, doc = tmp_path / "b.json", tmp_path / "要点.txt"
    TaskStore(db).import_tasks(SOURCE, measures()[:1])
    doc.write_text(
        "一、主要任务\n1.开展营商环境评价。\n牵头单位：区发改委\n完成时限：2023年9月底前\n", encoding="utf-8"
    )
    before = db.read_bytes()
    code, out, _ = run(capsys, "--db", db, "import", doc, "--dry-run")
    assert code == 0
    assert "开展营商环境评价" in out and "区发改委" in out and "2023-09-30" in out
    assert db.read_bytes() == before


def test_one_bad_file_among_many_imports_nothing(tmp_path, capsys):
    db = tmp_path / "b.json"
    TaskStore(db).import_tasks(SOURCE, measures()[:1])
    good, empty, notes = tmp_path / "要点.txt", tmp_path / "空.txt", tmp_path / "说明.txt"
    good.write_text("1.开展营商环境评价。\n牵头单位：区发改委\n", encoding="utf-8")
    empty.write_bytes(b"")
    notes.write_text("这份说明没有编号的任务。", encoding="utf-8")
    before = db.read_bytes()
    for bad, message in ((empty, "空.txt：文件是空的"), (notes, "没有找到编号的措施")):
        code, _, err = run(capsys, "--db", db, "import", good, bad)
        assert code == 1 and message in err and len(err.splitlines()) == 1
    assert db.read_bytes() == before


def test_show_tells_the_history_in_sentences_in_each_language(db, capsys):
    run(capsys, "--db", db, "move", T2, "进行中")
    run(capsys, "--db", db, "note", T2, "已完成系统联调")
    run(capsys, "--db", db, "edit", T2, "--lead", "区发改委")
    _, out, _ = run(capsys, "--db", db, "show", T2)
    assert "把状态从 未开始 改为 进行中" in out
    assert "添加进展：已完成系统联调" in out
    assert "把牵头单位从 区市场监管局 改为 区发改委" in out
    assert "{'at'" not in out and "None →" not in out  # no Python internals
    _, out, _ = run(capsys, "--lang", "en", "--db", db, "show", T2)
    assert "moved it from Not started to In progress" in out and "added a note: 已完成系统联调" in out


def test_cli_lines_speak_the_sessions_language(db, capsys, tmp_path):
    _, out, _ = run(capsys, "--db", db, "move", T2, "进行中")
    assert out.strip() == f"{T2}：未开始 → 进行中"
    _, out, _ = run(capsys, "--db", db, "undo")
    assert out.startswith("已撤销第") and "（移动）" in out
    _, _, err = run(capsys, "--db", db, "undo")
    _, _, err = run(capsys, "--db", db, "undo")
    assert err.startswith("taskboard：错误：")
    _, _, err = run(capsys, "--lang", "en", "--db", db, "move", "nope-1", "done")
    assert err == "taskboard: error: no task with id nope-1 (see `taskboard list`)\n"
