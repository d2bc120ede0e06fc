"""The 台账 round trip without document properties, and workbooks that are not workbooks.

A spreadsheet program may drop the custom document properties on save; the
rows' hidden cells (导出时状态 / 导出时版本) keep the three-way merge working.
A row without them that changes a status is a conflict, never applied.
Malformed files give one line naming the file and leave the database alone.
"""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from docx import Document

from taskboard.model import Status
from taskboard.store import TaskStore

from .board import SA, fixed_now, tid
from .test_ledger_import import edit, state


@pytest.fixture
def ledger(run, tmp_path):
    target = tmp_path / "台账.xlsx"
    assert run("export", "-o", str(target))[0] == 0
    return target


def strip_custom_properties(path):
    """Rewrite the xlsx zip without docProps/custom.xml and the references to it, as other programs save."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    assert "docProps/custom.xml" in parts  # the export does stamp its revision there
    del parts["docProps/custom.xml"]
    rels = rb"<Relationship [^>]*docProps/custom\.xml[^>]*/>"
    parts["_rels/.rels"] = re.sub(rels, b"", parts["_rels/.rels"])
    parts["[Content_Types].xml"] = re.sub(
        rb"<Override [^>]*/docProps/custom\.xml[^>]*/>", b"", parts["[Content_Types].xml"]
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert not openpyxl.load_workbook(path).custom_doc_props.props
    return path


def test_a_workbook_that_lost_its_revision_stamp_does_not_undo_a_later_board_move(run, board, ledger):
    TaskStore(board.path, now=fixed_now).move(tid(SA, "3"), Status.DONE)  # after the export
    edited = strip_custom_properties(edit(ledger, {tid(SA, "8"): {"最新进展": "收费清单已公示"}}))
    code, out, err = run("import", str(edited))
    assert code == 0, err
    assert TaskStore(board.path).get(tid(SA, "3")).status is Status.DONE  # the board's move survives
    # ... and is reported
    assert "edited.xlsx 第5行：导出后看板上已改为「已完成」，表中未改，保留看板上的状态" in err
    assert "0项状态变更、1条新进展" in out


def test_a_status_edited_on_both_sides_is_a_conflict_without_the_stamp_too(run, board, ledger):
    TaskStore(board.path, now=fixed_now).move(tid(SA, "3"), Status.DONE)
    edited = strip_custom_properties(edit(ledger, {tid(SA, "3"): {"状态": "进行中"}}))
    before = board.path.read_bytes()
    code, _, err = run("import", str(edited))
    assert code == 1
    assert "导出后已改为「已完成」，表中改为「进行中」" in err
    assert board.path.read_bytes() == before


def test_a_row_without_its_export_status_is_reported_not_applied(run, board, ledger):
    edited = strip_custom_properties(
        edit(ledger, {tid(SA, "3"): {"状态": "进行中", "导出时状态": None, "导出时版本": None}})
    )
    before = state(board.path)
    code, out, err = run("import", str(edited))
    assert code == 1
    assert "edited.xlsx 第5行：状态改为「进行中」，但此行缺少导出时的状态" in err
    assert "→" not in out
    assert state(board.path) == before


def test_a_row_without_its_export_status_may_still_bring_a_note(run, board, ledger):
    edited = strip_custom_properties(
        edit(ledger, {tid(SA, "8"): {"最新进展": "已公示", "导出时状态": None, "导出时版本": None}})
    )
    code, _, err = run("import", str(edited))
    assert code == 0, err
    assert [n.text for n in TaskStore(board.path).get(tid(SA, "8")).notes] == ["已公示"]


def test_a_workbook_from_before_the_hidden_columns_still_merges_by_its_stamp(run, board, ledger):
    wb = openpyxl.load_workbook(ledger)
    wb["台账"].delete_cols(13, 2)  # what an older taskboard wrote: no per-row export status
    wb.save(ledger)
    TaskStore(board.path, now=fixed_now).move(tid(SA, "3"), Status.DONE)
    code, _, err = run("import", str(edit(ledger, {tid(SA, "8"): {"最新进展": "收费清单已公示"}})))
    assert code == 0, err
    assert TaskStore(board.path).get(tid(SA, "3")).status is Status.DONE


def test_the_header_is_found_by_name_under_any_title(run, board, ledger, tmp_path):
    wb = openpyxl.load_workbook(ledger)
    ws = wb["台账"]
    ws.insert_rows(1, 2)  # a unit added two more title lines
    ws["A1"] = "某某单位报送"
    ws.move_range("I4:I22", cols=7)  # and moved 状态 to column P, past the hidden ones
    target = tmp_path / "moved.xlsx"
    wb.save(target)
    code, _, err = run("import", str(edit_status(target, 4, tid(SA, "3"), "进行中")))
    assert code == 0, err
    assert TaskStore(board.path).get(tid(SA, "3")).status is Status.IN_PROGRESS


def edit_status(path, header_row, task, value):
    """Set the 状态 cell of ``task`` in a sheet whose header is on ``header_row``; columns found by name."""
    wb = openpyxl.load_workbook(path)
    ws = wb["台账"]
    heads = {c.value: c.column for c in ws[header_row] if c.value}
    for r in range(header_row + 1, ws.max_row + 1):
        if ws.cell(r, heads["ID"]).value == task:
            ws.cell(r, heads["状态"]).value = value
    wb.save(path)
    return path


# -- malformed workbooks ---------------------------------------------------------------------------
def _broken_sheet_xml(ledger, target):
    with zipfile.ZipFile(ledger) as src, zipfile.ZipFile(target, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off mid-element
            dst.writestr(name, data)


def _broken_workbook_xml(ledger, target):
    with zipfile.ZipFile(ledger) as src, zipfile.ZipFile(target, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, b"<workbook><sheets><sheet" if name == "xl/workbook.xml" else src.read(name))


def _renamed_docx(ledger, target):
    doc = Document()
    doc.add_paragraph("一、深化放管服改革")
    doc.save(target)


def _zip_of_text(ledger, target):
    with zipfile.ZipFile(target, "w") as z:
        z.writestr("说明.txt", "这不是一个工作簿")


def _empty_file(ledger, target):
    target.write_bytes(b"")


@pytest.mark.parametrize(
    "make", [_broken_sheet_xml, _broken_workbook_xml, _renamed_docx, _zip_of_text, _empty_file]
)
def test_a_malformed_workbook_is_one_line_naming_the_file_and_changes_nothing(run, board, ledger, make):
    # An escape code in the file name must not reach the terminal.
    target = ledger.with_name("坏的\x1b[31m台账.xlsx")
    make(ledger, target)
    before = board.path.read_bytes()
    code, out, err = run("import", str(target))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("taskboard：错误：坏的台账.xlsx："), err
    assert "\x1b" not in err + out and "Traceback" not in err
    assert board.path.read_bytes() == before


def test_a_board_move_between_planning_and_applying_refuses_the_whole_import(board, ledger):
    """The import plans against the tasks it read; a colleague's move in between is not overwritten."""
    from taskboard.report.ledger import plan_ledger_import, read_ledger
    from taskboard.services import apply_ledger_plan
    from taskboard.store import Conflict

    edited = edit(ledger, {tid(SA, "3"): {"状态": "进行中"}, tid(SA, "8"): {"最新进展": "收费清单已公示"}})
    store = TaskStore(board.path, now=fixed_now)
    plan = plan_ledger_import(read_ledger(edited), store.all(), status_at=store.status_at)
    assert any(ch.kind == "move" and ch.task == tid(SA, "3") for ch in plan.changes)
    TaskStore(board.path, who="区发改委@办公室", now=fixed_now).move(tid(SA, "3"), Status.DONE)
    before = state(board.path)
    with pytest.raises(Conflict) as err:
        apply_ledger_plan(store, plan)
    assert err.value.who == "区发改委@办公室"
    after = TaskStore(board.path)
    assert after.get(tid(SA, "3")).status is Status.DONE
    assert state(board.path) == before  # the note was not added either: one import, all or nothing
