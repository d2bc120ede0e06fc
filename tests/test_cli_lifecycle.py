"""Tasks added and retired by hand, and the filters that fit a unit's workload (CLI)."""

from __future__ import annotations

import json

import pytest

from taskboard.model import Status, due_within
from taskboard.store import Action, TaskStore
from tests.cli_helpers import run

DOC = """关于印发伊州区2023年优化营商环境工作要点的通知
1.推行涉企经营许可清单试点。
牵头单位：区市场监管局
责任单位：区司法局
完成时限：2023年7月10日前
2.深化工程建设项目审批制度改革。
牵头单位：区住建局
责任单位：区市场监管局
完成时限：2023年9月底前
3.开展营商环境第三方评估。
牵头单位：区发改委
完成时限：2023年6月15日前
"""


def listed(capsys, db, *argv):
    code, out, err = run(capsys, "--db", db, "list", "--json", *argv)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def board(tmp_path, capsys):
    db = tmp_path / "board.json"
    doc = tmp_path / "要点.txt"
    doc.write_text(DOC, encoding="utf-8")
    assert run(capsys, "--db", db, "import", doc)[0] == 0
    return db, doc


def test_add_makes_a_full_task_with_history_and_undo(board, capsys):
    db, _ = board
    code, out, _ = run(
        capsys, "--db", db, "add", "落实区委常委会议定事项", "--lead", "区发改委、区财政局",
        "--co", "区司法局", "--deadline", "2023-07-20", "--source", "领导交办",
    )  # fmt: skip
    assert code == 0
    made = listed(capsys, db, "--source", "领导交办")
    assert len(made) == 1 and made[0]["id"] in out
    task = made[0]
    assert task["lead_units"] == ["区发改委", "区财政局"] and task["co_units"] == ["区司法局"]
    assert task["deadline"] == "2023-07-20" and task["status"] == "not_started"
    history = TaskStore(db).history(task["id"])
    assert [r.action for r in history] == [Action.ADD]
    # A second one is numbered on, and undo removes only it.
    run(capsys, "--db", db, "add", "召开专题会议", "--source", "领导交办")
    assert [t["number"] for t in listed(capsys, db, "--source", "领导交办")] == ["1", "2"]
    assert run(capsys, "--db", db, "undo")[0] == 0
    assert [t["number"] for t in listed(capsys, db, "--source", "领导交办")] == ["1"]


def test_add_refuses_a_bad_date_and_an_empty_title(board, capsys):
    db, _ = board
    before = db.read_bytes()
    code, _, err = run(capsys, "--db", db, "add", "某项任务", "--deadline", "2023-13-01")
    assert code == 1 and err.count("\n") == 1
    code, _, err = run(capsys, "--db", db, "add", "   ")
    assert code == 1 and err.count("\n") == 1
    assert db.read_bytes() == before


def test_archive_leaves_the_board_and_counts_and_restore_brings_it_back(board, capsys):
    db, doc = board
    first = listed(capsys, db, "--source", doc.name)[0]["id"]
    total = len(listed(capsys, db))
    code, out, _ = run(capsys, "--db", db, "archive", first, "--reason", "合并")
    assert code == 0 and "合并" in out
    assert first not in {t["id"] for t in listed(capsys, db)}
    assert len(listed(capsys, db)) == total - 1
    archived = listed(capsys, db, "--archived")
    assert [t["id"] for t in archived] == [first] and archived[0]["archived"] == "合并"
    _, summary, _ = run(capsys, "--db", db, "summary", "--source", doc.name)
    assert "2" in summary  # the summary counts the two tasks left
    # A re-import reports the retired task and does not bring it back.
    code, out, _ = run(capsys, "--db", db, "import", doc)
    assert code == 0 and first not in {t["id"] for t in listed(capsys, db)}
    code, out, _ = run(capsys, "--db", db, "restore", first)
    assert code == 0
    assert first in {t["id"] for t in listed(capsys, db)}
    assert TaskStore(db).get(first).status is Status.NOT_STARTED
    actions = [r.action for r in TaskStore(db).history(first)]
    assert Action.ARCHIVE in actions and Action.RESTORE in actions


def test_archive_needs_a_known_reason_and_task(board, capsys):
    db, doc = board
    first = listed(capsys, db, "--source", doc.name)[0]["id"]
    assert run(capsys, "--db", db, "archive", first, "--reason", "不想做")[0] == 1
    assert run(capsys, "--db", db, "archive", "nope-1", "--reason", "取消")[0] == 1
    assert run(capsys, "--db", db, "restore", first)[0] == 1  # not archived


def test_unit_and_role_filters(board, capsys):
    db, doc = board
    lead = listed(capsys, db, "--source", doc.name, "--unit", "区市场监管局", "--role", "lead")
    co = listed(capsys, db, "--source", doc.name, "--unit", "区市场监管局", "--role", "co")
    anyrole = listed(capsys, db, "--source", doc.name, "--unit", "区市场监管局")
    assert [t["number"] for t in lead] == ["1"]
    assert [t["number"] for t in co] == ["2"]
    assert sorted(t["number"] for t in anyrole) == ["1", "2"]


def test_due_within_counts_from_the_as_of_date(board, capsys):
    db, doc = board
    soon = listed(capsys, db, "--source", doc.name, "--due-within", "14", "--today", "2023-06-30")
    assert [t["number"] for t in soon] == ["1"]  # 7/10; 6/15 is overdue, 9/30 is later
    wider = listed(capsys, db, "--source", doc.name, "--due-within", "100", "--today", "2023-06-30")
    assert sorted(t["number"] for t in wider) == ["1", "2"]
    store = TaskStore(db)
    from datetime import date

    expected = [t for t in store.all() if due_within(t, date(2023, 6, 30), 14)]
    assert len(listed(capsys, db, "--due-within", "14", "--today", "2023-06-30")) == len(expected)
    assert run(capsys, "--db", db, "list", "--due-within", "-3")[0] == 1
