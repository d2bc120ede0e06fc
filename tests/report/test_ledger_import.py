"""The 台账 round trip: statuses and notes edited in Excel come back as history; nothing else changes."""

from __future__ import annotations

import openpyxl
import pytest

from taskboard.model import Status
from taskboard.store import TaskStore

from .board import SA, SB, fixed_now, tid

HEAD = 2  # the header row, under the title


@pytest.fixture
def ledger(run, tmp_path):
    """Export the board to a workbook and return its path."""
    target = tmp_path / "台账.xlsx"
    assert run("export", "-o", str(target))[0] == 0
    return target


def edit(path, changes, out=None):
    """Set cells of the 台账 sheet: {task id or row number: {header: value}}; return the saved path."""
    wb = openpyxl.load_workbook(path)
    ws = wb["台账"]
    heads = [c.value for c in ws[HEAD]]
    rows = {ws.cell(r, heads.index("ID") + 1).value: r for r in range(HEAD + 1, ws.max_row + 1)}
    for key, cells in changes.items():
        r = key if isinstance(key, int) else rows[key]
        for head, value in cells.items():
            ws.cell(r, heads.index(head) + 1).value = value
    target = out or path.with_name("edited.xlsx")
    wb.save(target)
    return target


def state(store_path):
    """Every task without the bookkeeping fields an edit bumps, plus the history length."""
    s = TaskStore(store_path, now=fixed_now)
    tasks = {}
    for t in s.all():
        d = t.to_dict()
        d.pop("updated"), d.pop("revision")
        tasks[t.id] = d
    return tasks, s.history()


def test_round_trip_changes_exactly_two_statuses_and_one_note(run, board, ledger):
    before, history_before = state(board.path)
    edited = edit(
        ledger,
        {
            tid(SA, "3"): {"状态": "进行中"},
            tid(SB, "4"): {"状态": "已完成"},
            tid(SA, "8"): {"最新进展": "已完成收费清单梳理，正在公示"},
        },
    )
    code, out, err = run("import", str(edited))
    assert code == 0, err
    assert "已导入2项状态变更、1条新进展" in out
    after, history_after = state(board.path)

    changed = {k for k in before if before[k] != after[k]}
    assert changed == {tid(SA, "3"), tid(SB, "4"), tid(SA, "8")}
    assert after[tid(SA, "3")] == {**before[tid(SA, "3")], "status": "in_progress"}
    assert after[tid(SB, "4")] == {**before[tid(SB, "4")], "status": "done"}
    sa8 = after[tid(SA, "8")]
    assert {**sa8, "notes": []} == {**before[tid(SA, "8")], "notes": []}
    assert [n["text"] for n in sa8["notes"]] == ["已完成收费清单梳理，正在公示"]
    assert "edited.xlsx" in sa8["notes"][0]["author"]

    new_rows = history_after[len(history_before) :]
    # In workbook row order: SA3 (row 5), SA8 (row 10), SB4 (row 16).
    assert [
        (r.task, r.action, r.field, r.old, r.new if r.action == "move" else r.new["text"]) for r in new_rows
    ] == [
        (tid(SA, "3"), "move", "status", "not_started", "in_progress"),
        (tid(SA, "8"), "note", "notes", None, "已完成收费清单梳理，正在公示"),
        (tid(SB, "4"), "move", "status", "not_started", "done"),
    ]
    assert len({r.seq for r in new_rows}) == 1  # one transaction


def test_one_undo_reverts_the_whole_import(run, board, ledger):
    before, _ = state(board.path)
    edited = edit(
        ledger,
        {
            tid(SA, "3"): {"状态": "进行中"},
            tid(SB, "4"): {"状态": "done"},  # English spelling accepted
            tid(SA, "8"): {"最新进展": "已完成收费清单梳理"},
        },
    )
    assert run("import", str(edited))[0] == 0
    assert state(board.path)[0] != before
    code, _, _ = run("undo")
    assert code == 0
    assert state(board.path)[0] == before


def test_importing_the_unchanged_export_changes_nothing(run, board, ledger):
    before = state(board.path)
    code, out, _ = run("import", str(ledger))
    assert code == 0 and "没有需要导入的变更" in out
    assert state(board.path) == before


def test_dry_run_lists_changes_and_writes_nothing(run, board, ledger):
    before = state(board.path)
    edited = edit(ledger, {tid(SA, "3"): {"状态": "已完成", "最新进展": "已建立专班"}})
    code, out, _ = run("import", str(edited), "--dry-run")
    assert code == 0
    assert f"edited.xlsx 第5行 {tid(SA, '3')}：未开始 → 已完成" in out  # Excel's row number
    assert f"edited.xlsx 第5行 {tid(SA, '3')}：新进展：已建立专班" in out
    assert "试运行" in out
    assert state(board.path) == before


def test_unknown_ids_and_bad_statuses_are_reported_and_nothing_applies(run, board, ledger):
    before = state(board.path)
    edited = edit(
        ledger,
        {
            tid(SA, "3"): {"状态": "进行中"},  # valid, but must not apply either
            5: {"ID": "ffffff-99"},
            7: {"状态": "差不多了"},
            9: {"状态": None},
        },
    )
    code, out, err = run("import", str(edited))
    assert code == 1
    lines = err.splitlines()
    assert "taskboard: edited.xlsx 第5行：未知的任务ID「ffffff-99」" in lines
    assert any(ln.startswith("taskboard: edited.xlsx 第7行：状态「差不多了」无法识别") for ln in lines)
    assert any(ln.startswith("taskboard: edited.xlsx 第9行：状态「」无法识别") for ln in lines)
    assert lines[-1] == "taskboard：错误：台账有3处问题，未导入任何内容"
    assert "→" not in out
    assert state(board.path) == before


def test_problems_in_english(run, board, ledger):
    edited = edit(ledger, {5: {"ID": "nope"}})
    code, _, err = run("--lang", "en", "import", str(edited))
    assert code == 1
    assert "taskboard: edited.xlsx row 5: unknown task id 'nope'" in err
    assert err.splitlines()[-1] == "taskboard: error: 1 problem in the workbook; nothing imported"


def test_missing_and_duplicate_ids_are_problems(run, board, ledger):
    edited = edit(ledger, {5: {"ID": None}, 6: {"ID": tid(SA, "1")}})
    code, _, err = run("import", str(edited))
    assert code == 1
    assert "第5行：没有任务ID" in err
    assert f"第6行：任务ID「{tid(SA, '1')}」重复（edited.xlsx 第3行已有）" in err


def test_rows_matched_by_id_not_position(run, board, ledger):
    wb = openpyxl.load_workbook(ledger)
    ws = wb["台账"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=HEAD + 1)]
    rows.reverse()  # a unit sorted the sheet
    for r, values in enumerate(rows, HEAD + 1):
        for c, v in enumerate(values, 1):
            ws.cell(r, c).value = v
    wb.save(ledger)
    edited = edit(
        ledger, {tid(SA, "3"): {"状态": "进行中", "任务内容": "随便改的内容", "牵头单位": "区财政局"}}
    )
    assert run("import", str(edited))[0] == 0
    store = TaskStore(board.path, now=fixed_now)
    task = store.get(tid(SA, "3"))
    assert task.status is Status.IN_PROGRESS
    assert task.title == "建立重点项目审批服务专班" and task.lead_units == ["区发改委"]


def test_stale_workbook_does_not_bring_back_an_old_note(run, board, ledger):
    board.add_note(tid(SA, "2"), "市级反馈已收到，正在整改")  # after the export
    before = state(board.path)
    code, out, _ = run("import", str(ledger))  # still shows the older note
    assert code == 0 and "没有需要导入的变更" in out
    assert state(board.path) == before


def test_csv_guard_is_stripped(run, board, ledger):
    board.add_note(tid(SA, "4"), "=已完成70%")
    before = state(board.path)
    edited = edit(ledger, {tid(SA, "4"): {"最新进展": "'=已完成70%"}})  # went through CSV once
    code, out, _ = run("import", str(edited))
    assert code == 0 and "没有需要导入的变更" in out
    assert state(board.path) == before


def test_not_a_workbook(run, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a zip", encoding="utf-8")
    code, _, err = run("import", str(bad))
    assert code == 1
    assert err.startswith("taskboard：错误：bad.xlsx：不是 taskboard 能读取的 Excel 工作簿")
    assert err.count("\n") == 1


def test_workbook_without_ledger_columns(run, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "任务内容"])
    wb.save(tmp_path / "other.xlsx")
    code, _, err = run("import", str(tmp_path / "other.xlsx"))
    assert code == 1 and "没有哪张工作表的表头含有台账列 ID, 状态, 最新进展" in err


def test_a_move_on_the_board_after_export_is_not_undone_by_an_old_workbook(run, board, ledger):
    # The unit edits only a note; meanwhile the coordinator moves another task on the board.
    TaskStore(board.path, now=fixed_now).move(tid(SA, "3"), Status.DONE)
    edited = edit(ledger, {tid(SA, "8"): {"最新进展": "收费清单已公示"}})
    code, out, err = run("import", str(edited))
    assert code == 0, err
    assert "0项状态变更、1条新进展" in out
    assert TaskStore(board.path).get(tid(SA, "3")).status is Status.DONE


def test_a_status_edited_in_the_workbook_and_moved_on_the_board_is_a_conflict(run, board, ledger):
    TaskStore(board.path, now=fixed_now).move(tid(SA, "3"), Status.DONE)
    edited = edit(ledger, {tid(SA, "3"): {"状态": "进行中"}, tid(SA, "8"): {"最新进展": "收费清单已公示"}})
    before = board.path.read_bytes()
    code, _, err = run("import", str(edited))
    assert code == 1
    assert "导出后已改为「已完成」" in err and "表中改为「进行中」" in err
    assert board.path.read_bytes() == before  # one problem: nothing applied


def test_a_status_edited_in_the_workbook_still_applies_when_the_board_did_not_touch_it(run, board, ledger):
    TaskStore(board.path, now=fixed_now).move(tid(SB, "4"), Status.DONE)  # another task moved meanwhile
    edited = edit(ledger, {tid(SA, "3"): {"状态": "进行中"}})
    code, _out, err = run("import", str(edited))
    assert code == 0, err
    assert TaskStore(board.path).get(tid(SA, "3")).status is Status.IN_PROGRESS
    assert TaskStore(board.path).get(tid(SB, "4")).status is Status.DONE
