"""The 台账 workbook: the ledger sheet plus a per-unit summary sheet, styled for printing and filtering."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.packaging.custom import IntProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Status, Task
from .labels import label
from .ledger_columns import (
    COLUMNS,
    DAYS_COL,
    DEADLINE_COL,
    ID_HEADER,
    NUMBER_COL,
    STATUS_COL,
    ledger_rows,
    looks_like_formula,
)
from .summary import build_summary
from .summary_rich import unit_name

LEDGER_SHEET = "台账"
UNITS_SHEET = "按牵头单位"
# Column widths in Excel character units (a Chinese character is about two).
LEDGER_WIDTHS = (6, 22, 7, 60, 18, 24, 12, 18, 9, 9, 40, 12)
UNIT_WIDTHS = (28, 8, 8, 8, 8, 8, 12, 10)
WRAPPED = {COLUMNS.index(h) for h in ("来源文件", "任务内容", "牵头单位", "责任单位", "时限原文", "最新进展")}

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="305496")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_OVERDUE_FONT = Font(color="C00000", bold=True)
_ID_FONT = Font(color="808080")
_ID_NOTE = "请勿修改此列：导入台账时按ID匹配任务（只读取“状态”和“最新进展”两列）"


def put(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write one cell; text is always text, never a formula (= + - @ included)."""
    if isinstance(value, str):
        # openpyxl refuses control characters a Word paste can bring along.
        value = ILLEGAL_CHARACTERS_RE.sub("", value) or None  # and "" is a blank cell
    cell = ws.cell(row=row, column=col, value=value)
    if looks_like_formula(value):
        # openpyxl turns "=…" into a formula on assignment; force it back to a string cell.
        cell.data_type = "s"
    return cell


def _header(ws: Worksheet, heads: Sequence[str], widths: Sequence[int]) -> None:
    for col, (head, width) in enumerate(zip(heads, widths, strict=True), 1):
        cell = put(ws, 1, col, head)
        cell.font, cell.fill, cell.border = _HEAD_FONT, _HEAD_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22
    ws.print_title_rows = "1:1"  # the header repeats on every printed page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _ledger_sheet(ws: Worksheet, tasks: Sequence[Task], today: date) -> None:
    _header(ws, COLUMNS, LEDGER_WIDTHS)
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    rows = ledger_rows(tasks, today)
    id_col = COLUMNS.index(ID_HEADER)
    for r, values in enumerate(rows, 2):
        number = values[NUMBER_COL]
        if number.isdigit() and not number.startswith("0"):
            values[NUMBER_COL] = int(number)  # so Excel sorts 2 before 10 and shows no "number as text" flag
        for c, value in enumerate(values):
            cell = put(ws, r, c + 1, value)
            cell.border = _BORDER
            cell.alignment = wrap if c in WRAPPED else top
            if c == DEADLINE_COL and value is not None:
                cell.number_format = "yyyy-mm-dd"
            elif c == DAYS_COL and isinstance(value, int) and value < 0:
                cell.font = _OVERDUE_FONT
            elif c == id_col:
                cell.font = _ID_FONT
    ws.cell(row=1, column=id_col + 1).comment = Comment(_ID_NOTE, "taskboard")
    last = len(rows) + 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    # A drop-down on 状态 keeps what units type importable.
    choices = ",".join(s.zh for s in Status)
    check = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="状态",
        error=f"请选择：{choices}",
    )
    status_col = get_column_letter(STATUS_COL + 1)
    check.add(f"{status_col}2:{status_col}{max(last, 2)}")
    ws.add_data_validation(check)


def _units_sheet(ws: Worksheet, tasks: Sequence[Task], today: date) -> None:
    summary = build_summary(tasks, today)
    heads = [label(k) for k in ("lead", "total", "done", "in_progress", "not_started", "overdue")]
    heads += [label("due_within", n=summary.due_days), label("completion")]
    _header(ws, heads, UNIT_WIDTHS)
    for r, f in enumerate(summary.units, 2):
        values = [
            unit_name(f.name, "zh"),
            f.total,
            f.done,
            f.in_progress,
            f.not_started,
            f.overdue,
            f.due,
            f.completion_ratio,
        ]
        for c, value in enumerate(values, 1):
            cell = put(ws, r, c, value)
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=c == 1)
        ws.cell(row=r, column=6).font = _OVERDUE_FONT if f.overdue else Font()
        ws.cell(row=r, column=8).number_format = "0%"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{len(summary.units) + 1}"
    note_row = len(summary.units) + 3
    put(ws, note_row, 1, f"{label('as_of', date=today.isoformat())}；{label('units_caption')}")


REVISION_PROPERTY = "taskboard_revision"


def write_ledger_xlsx(
    tasks: Sequence[Task], today: date, path: str | Path, revision: int | None = None
) -> Path:
    """Write the 台账 workbook to ``path`` (days left counted from ``today``).

    ``revision``, the store's transaction number at export, is kept as a custom
    document property (Excel and WPS keep those on save): on re-import it tells
    a status the unit edited from one changed on the board since.
    """
    wb = Workbook()
    if revision is not None:
        wb.custom_doc_props.append(IntProperty(name=REVISION_PROPERTY, value=revision))
    ledger = wb.active
    ledger.title = LEDGER_SHEET
    _ledger_sheet(ledger, tasks, today)
    _units_sheet(wb.create_sheet(UNITS_SHEET), tasks, today)
    target = Path(path)
    wb.save(target)
    return target
