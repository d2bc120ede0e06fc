"""The 台账 on paper: row heights that show every wrapped text, paper, orientation, titles, footer.

Office suites other than Excel never re-fit row heights, so the heights the
export writes are what prints.  They are checked here against an independent
model of Excel's layout in pixels (a column of width w is 7w + 5 px at 96 dpi,
a Chinese character of the 11 pt font is 15 px, a Latin one at most 8 px).
"""

from __future__ import annotations

import math
from datetime import date

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from taskboard.model import DeadlineKind, Task, task_id
from taskboard.report.xlsx import write_ledger_xlsx
from taskboard.store import TaskStore

from .board import fixed_now

SOURCE = "2024年深化营商环境改革实施方案.docx"
SENTENCE = "深化“放管服”改革，推动政务服务事项全程网办、就近可办、一次办好，切实减轻企业负担。"
LONG_TEXTS = {
    "1": SENTENCE,
    "2": SENTENCE * 4,
    "3": SENTENCE * 9,  # about 400 characters, as long as real measures get
    "4": "（一）完善工作机制。" + SENTENCE * 2 + "\n（二）强化督促检查。" + SENTENCE * 2,
    "5": "推进ERP system integration and e-government data sharing，" + SENTENCE * 3,
}
AS_OF = date(2024, 6, 30)
LINE_PT = 14.25  # one line of 11 pt text in Excel
A4_PORTRAIT_PT = (8.27 * 72, 11.69 * 72)


def _task(number: str, text: str, leads: list[str]) -> Task:
    return Task(
        id=task_id(SOURCE, number),
        source=SOURCE,
        number=number,
        title=text[:20],
        text=text,
        lead_units=leads,
        co_units=["区财政局", "区司法局"],
        deadline=date(2024, 12, 31),
        deadline_text="2024年12月底前",
        deadline_kind=DeadlineKind.EXPLICIT,
    )


@pytest.fixture
def long_board(tmp_path):
    store = TaskStore(tmp_path / "long.json", who="测试员@host", now=fixed_now)
    store.import_tasks(SOURCE, [_task(n, t, ["区发改委"]) for n, t in LONG_TEXTS.items()])
    return store


def excel_lines(text: str, width: float, size: int = 11) -> int:
    """Lines Excel needs for ``text`` in a wrapped cell of ``width`` characters (3 px margin a side)."""
    usable = math.floor(7 * width + 5) - 6
    wide, narrow = math.ceil(size * 96 / 72), math.ceil(8 * size / 11)
    lines = 0
    for part in text.split("\n"):
        px = sum(narrow if ord(ch) < 0x2E80 else wide for ch in part)
        lines += max(1, math.ceil(px / usable))
    return lines


def _sheet(path):
    return openpyxl.load_workbook(path)["台账"]


def _width(ws, col: int) -> float:
    return ws.column_dimensions[get_column_letter(col)].width


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_row_heights_show_the_whole_wrapped_text_of_the_longest_tasks(long_board, tmp_path, paper):
    target = tmp_path / "台账.xlsx"
    write_ledger_xlsx(long_board.all(), AS_OF, target, paper=paper)
    ws = _sheet(target)
    heads = [c.value for c in ws[2]]
    for row in range(3, ws.max_row + 1):
        needed = max(
            excel_lines(ws.cell(row, col).value or "", _width(ws, col))
            for col in range(1, len(heads) + 1)
            if ws.cell(row, col).alignment.wrap_text
        )
        height = ws.row_dimensions[row].height
        assert height >= needed * LINE_PT, (paper, row, needed)
        assert height <= 1.35 * needed * LINE_PT + 6, (paper, row, needed)  # and paper is not wasted
    heights = {ws.cell(r, 3).value: ws.row_dimensions[r].height for r in range(3, ws.max_row + 1)}
    assert heights["3"] > 2 * heights["1"]  # the 400-character one is many lines high


def test_a_measure_too_long_for_one_row_is_set_smaller_not_cut(tmp_path):
    huge = SENTENCE * 17  # over 700 characters: more than 409 pt of 11 pt lines in the A4 column
    target = tmp_path / "台账.xlsx"
    write_ledger_xlsx([_task("1", huge, ["区发改委"])], AS_OF, target)
    ws = _sheet(target)
    cell, height = ws.cell(3, 4), ws.row_dimensions[3].height
    assert cell.value == huge
    size = cell.font.sz
    assert size < 11 and height <= 409  # Excel's limit for a row
    assert excel_lines(huge, _width(ws, 4), int(size)) * LINE_PT * size / 11 <= height


def test_a3_gives_the_task_text_more_room_and_needs_fewer_lines(long_board, tmp_path):
    write_ledger_xlsx(long_board.all(), AS_OF, tmp_path / "a4.xlsx", paper="A4")
    write_ledger_xlsx(long_board.all(), AS_OF, tmp_path / "a3.xlsx", paper="A3")
    a4, a3 = _sheet(tmp_path / "a4.xlsx"), _sheet(tmp_path / "a3.xlsx")
    assert a3.page_setup.paperSize == 8 and a4.page_setup.paperSize == 9  # A3, A4
    assert _width(a3, 4) > 1.5 * _width(a4, 4)
    assert a3.row_dimensions[5].height < a4.row_dimensions[5].height


def test_print_setup_paper_titles_footer(run, tmp_path):
    target = tmp_path / "台账.xlsx"
    assert run("export", "-o", str(target))[0] == 0
    wb = openpyxl.load_workbook(target)
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.print_title_rows == "$2:$2"  # the header row on every page
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.oddHeader.center.text == "改革任务台账\u3000截至2023-06-30"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    ledger, units = wb["台账"], wb["按牵头单位"]
    assert ledger.page_setup.orientation == "landscape" and units.page_setup.orientation == "portrait"
    # The print area ends at the ID column: the hidden bookkeeping columns never print.
    assert ledger.print_area.endswith("$A$1:$L$20")
    assert ledger.cell(2, 12).value == "ID" and _width(ledger, 12) <= 10  # last and narrow


def test_paper_option_a3(run, tmp_path):
    target = tmp_path / "台账.xlsx"
    assert run("export", "--paper", "a3", "-o", str(target))[0] == 0
    assert all(ws.page_setup.paperSize == 8 for ws in openpyxl.load_workbook(target).worksheets)
    with pytest.raises(SystemExit) as stop:
        run("export", "--paper", "B5", "-o", str(target))
    assert stop.value.code == 2


def test_ledger_columns_fit_a4_landscape_at_a_readable_scale(run, tmp_path):
    target = tmp_path / "台账.xlsx"
    assert run("export", "-o", str(target))[0] == 0
    ws = _sheet(target)
    width_pt = sum(0.75 * (7 * _width(ws, c) + 5) for c in range(1, 13))
    printable = 11.69 * 72 - 72  # A4 landscape less the two 0.5 in side margins
    assert printable / width_pt > 0.9  # fit-to-width shrinks the print by less than 10%


def test_per_unit_sheet_prints_40_units_on_one_a4_page(tmp_path):
    names = [
        "发改委",
        "财政局",
        "人社局",
        "住建局",
        "商务局",
        "司法局",
        "卫健委",
        "医保局",
        "教育局",
        "民政局",
    ]
    units = [f"{prefix}{name}" for prefix in ("区", "市", "县", "镇") for name in names]
    assert len(units) == 40
    tasks = [_task(str(i), SENTENCE, [u]) for i, u in enumerate(units, 1)]
    target = tmp_path / "台账.xlsx"
    write_ledger_xlsx(tasks, AS_OF, target)
    ws = openpyxl.load_workbook(target)["按牵头单位"]
    assert ws.max_row >= 42
    width_pt = sum(0.75 * (7 * ws.column_dimensions[get_column_letter(c)].width + 5) for c in range(1, 9))
    page_w, page_h = A4_PORTRAIT_PT
    assert width_pt <= page_w - 72  # no shrinking needed across
    rows_pt = sum(ws.row_dimensions[r].height or 15 for r in range(1, 43))
    assert rows_pt <= page_h - 2 * 0.7 * 72  # title, header and 40 units within the top/bottom margins


def test_document_titles_replace_file_names_when_given(long_board, tmp_path):
    target = tmp_path / "台账.xlsx"
    write_ledger_xlsx(long_board.all(), AS_OF, target, titles={SOURCE: "关于深化营商环境改革的实施方案"})
    ws = _sheet(target)
    assert {ws.cell(r, 2).value for r in range(3, ws.max_row + 1)} == {"关于深化营商环境改革的实施方案"}
    write_ledger_xlsx(long_board.all(), AS_OF, target, titles={"别的文件.txt": "别的标题"})
    assert _sheet(target).cell(3, 2).value == SOURCE  # no title known: the file name
