"""台账 exports: the xlsx workbook and the CSV, their columns, styling and formula safety."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import openpyxl
import pytest

from taskboard.model import task_id

from .board import FGW, SA, SB, SCJ, XZ, ZWZX, tid

HEADERS = [
    "序号",
    "来源文件",
    "编号",
    "任务内容",
    "牵头单位",
    "责任单位",
    "完成时限",
    "时限原文",
    "状态",
    "剩余天数",
    "最新进展",
]
DANGEROUS = ['=HYPERLINK("http://example.com","点击")', "+86 0991 12345", "-各部门配合", "@SUM(A1:A3)"]


@pytest.fixture
def xlsx(run, tmp_path):
    target = tmp_path / "台账.xlsx"
    code, _, err = run("export", "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    return openpyxl.load_workbook(target)


def test_xlsx_has_a_title_row_then_exactly_the_ledger_headers_plus_id(xlsx):
    ws = xlsx.worksheets[0]
    assert ws.title == "台账"
    assert ws["A1"].value == "改革任务台账\u3000截至2023-06-30"
    assert "A1:L1" in {str(r) for r in ws.merged_cells.ranges}  # the title spans the printed columns
    header = [c.value for c in ws[2]]
    assert header == [*HEADERS, "ID", "导出时状态", "导出时版本"]
    assert ws.max_row == 20  # title, header, 18 tasks


def test_xlsx_rows(xlsx):
    ws = xlsx["台账"]
    rows = {r[11]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    sa2 = rows[tid(SA, "2")]
    assert sa2[:6] == (2, SA, "2", "开展营商环境评价。各有关单位按照职责分工抓好落实。", FGW, "区司法局")
    assert sa2[6] == datetime(2023, 5, 31)
    assert sa2[7:11] == ("2023年5月31日前", "进行中", -30, "已完成初评，待市级反馈")
    assert rows[tid(SB, "5")][4] == f"{FGW}、{XZ}"
    assert rows[tid(SA, "1")][8:10] == ("已完成", None)  # done: no days left
    assert rows[tid(SA, "6")][6:10] == (None, None, "未开始", None)  # undated: blank cells
    assert rows[tid(SB, "2")][7:10] == ("持续推进", "进行中", None)  # ongoing
    assert rows[tid(SB, "3")][9] is None  # recurring
    assert rows[tid(SA, "5")][9] == 0 and rows[tid(SA, "8")][9] == 25


def test_xlsx_number_is_always_text(xlsx):
    ws = xlsx["台账"]
    cells = [ws.cell(r, 3) for r in range(3, ws.max_row + 1)]
    assert all(isinstance(c.value, str) and c.number_format == "@" for c in cells)
    assert {c.value for c in cells} >= {"1", "10"}


def test_xlsx_rows_remember_what_the_export_saw_in_hidden_columns(xlsx, board):
    ws = xlsx["台账"]
    assert ws.column_dimensions["M"].hidden and ws.column_dimensions["N"].hidden
    seen = {r[11]: r[12:14] for r in ws.iter_rows(min_row=3, values_only=True)}
    for task in board.all():
        assert seen[task.id] == (task.status.value, task.revision)


def test_xlsx_styling(xlsx):
    ws = xlsx["台账"]
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:L20"
    assert ws["A2"].font.b and ws["A1"].font.b
    assert ws.column_dimensions["D"].width >= 30  # 任务内容 is the widest column
    assert ws.column_dimensions["D"].width == max(ws.column_dimensions[c].width for c in "ABCDEFGHIJKL")
    assert ws["D3"].alignment.wrap_text and ws["K3"].alignment.wrap_text
    assert ws["I3"].value in ("未开始", "进行中", "已完成")
    assert any("I3" in str(dv.sqref) for dv in ws.data_validations.dataValidation)
    assert "请勿修改" in ws["L2"].comment.text  # the ID column says what it is for


def test_xlsx_per_unit_sheet(xlsx):
    ws = xlsx["按牵头单位"]
    assert ws["A1"].value.startswith("改革任务台账")
    assert [c.value for c in ws[2]] == [
        "牵头单位",
        "合计",
        "已完成",
        "进行中",
        "未开始",
        "逾期",
        "14天内到期",
        "完成率",
    ]
    rows = [r for r in ws.iter_rows(min_row=3, max_row=7, values_only=True)]
    assert [r[0] for r in rows] == [XZ, SCJ, FGW, "（未明确牵头单位）", ZWZX]
    assert rows[0][1:7] == (5, 1, 2, 2, 2, 0) and rows[0][7] == pytest.approx(0.2)
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref


def _make_dangerous(board):
    board.edit(tid(SA, "3"), deadline_text=DANGEROUS[1], co_units=[DANGEROUS[2]])
    board.add_note(tid(SA, "3"), DANGEROUS[0])
    board.add_note(tid(SA, "4"), DANGEROUS[3])


def test_xlsx_formula_like_text_is_written_as_text(run, board, tmp_path):
    _make_dangerous(board)
    target = tmp_path / "l.xlsx"
    assert run("export", "-o", str(target))[0] == 0
    ws = openpyxl.load_workbook(target)["台账"]
    cells = [c for row in ws.iter_rows(min_row=3) for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value[:1] in "=+-@"]
    assert {c.value for c in risky} == set(DANGEROUS)
    assert all(c.data_type == "s" for c in risky)  # never "f" (formula)
    # and no formula anywhere in the file's XML
    import zipfile

    with zipfile.ZipFile(target) as z:
        assert all("<f>" not in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_xlsx_needs_an_output_file(run):
    code, _, err = run("export", "--format", "xlsx")
    assert code == 1 and "需要 -o" in err


def test_csv_bom_headers_and_formula_guard(run, board, tmp_path):
    _make_dangerous(board)
    target = tmp_path / "台账.csv"
    code, _, _ = run("export", "-o", str(target))  # format from the suffix
    assert code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == [*HEADERS, "ID"]
    assert len(rows) == 19
    cells = [c for r in rows[1:] for c in r]
    for bad in DANGEROUS:
        assert "'" + bad in cells and bad not in cells
    by_id = {r[11]: r for r in rows[1:]}
    assert by_id[tid(SA, "2")][9] == "-30"  # a number, not text: left as it is
    assert by_id[tid(SA, "2")][6] == "2023-05-31"
    assert by_id[tid(SA, "1")][9] == ""


def test_csv_to_stdout(run):
    code, out, _ = run("export", "--format", "csv")
    assert code == 0
    assert out.startswith("\ufeff序号,来源文件,编号,任务内容,")


def test_json_export_unchanged(run):
    code, out, _ = run("export")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 18
    first = data[0]
    assert first["id"] == task_id(SA, "1") and first["status"] == "done"
    assert first["history"] and {"seq", "action", "field"} <= set(first["history"][0])


def test_export_lead_filter(run, tmp_path):
    target = tmp_path / "scj.xlsx"
    assert run("export", "--lead", SCJ, "-o", str(target))[0] == 0
    ws = openpyxl.load_workbook(target)["台账"]
    assert [r[4] for r in ws.iter_rows(min_row=3, values_only=True)] == [SCJ] * 4
    assert ws["A1"].value == f"改革任务台账\u3000截至2023-06-30\u3000牵头单位：{SCJ}"
