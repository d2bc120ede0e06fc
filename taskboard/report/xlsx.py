"""The 台账 workbook: the ledger sheet plus a per-unit summary sheet, styled for printing and filtering.

Row 1 is a title (board, as-of date, filter), row 2 the header, data from
row 3.  The import finds the header by its names, not its position (see
``ledger.read_ledger``).  Two hidden columns after the ID keep what the
export knew of each row, for the three-way merge of a re-import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.packaging.custom import IntProperty
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Status, Task
from ..safetext import clean
from .atomic import atomic_output
from .labels import label
from .ledger_columns import (
    BASE_HEADERS,
    COLUMNS,
    DAYS_COL,
    DEADLINE_COL,
    ID_HEADER,
    NUMBER_COL,
    REVISION_PROPERTY,
    STATUS_COL,
    export_base,
    ledger_rows,
    looks_like_formula,
)
from .summary import build_summary
from .summary_rich import unit_name
from .xlsx_print import BASE_SIZE, PAPERS, fit_row, row_height, set_up_printing

LEDGER_SHEET = "台账"
UNITS_SHEET = "按牵头单位"
TITLE_ROW, HEAD_ROW, FIRST_ROW = 1, 2, 3
# Column widths in Excel character units (a Chinese character is about two).
# None marks the columns that share what the paper leaves: 任务内容 three parts, 最新进展 one.
LEDGER_WIDTHS = (5, 12, 6, None, 11, 11, 11, 9, 6, 9, None, 9)
FLEX_PARTS = {COLUMNS.index("任务内容"): 3, COLUMNS.index("最新进展"): 1}
UNIT_WIDTHS = (28, 7, 7, 7, 7, 7, 13, 9)  # 30天内到期 on one line
WRAPPED = {COLUMNS.index(h) for h in ("来源文件", "任务内容", "牵头单位", "责任单位", "时限原文", "最新进展")}

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="305496")
_TITLE_FONT = Font(bold=True, size=14)
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_OVERDUE_FONT = Font(color="C00000", bold=True)
_ID_FONT = Font(color="808080", size=8)
_ID_NOTE = "请勿修改此列：导入台账时按ID匹配任务（只读取“状态”和“最新进展”两列）"
_BASE_NOTE = "导出时的状态和版本：再导入时据此判断状态是在表中还是在看板上改的，请勿修改"


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


def ledger_widths(paper: str) -> list[int]:
    """The 台账 column widths that fill ``paper`` in landscape (A3 gives the long texts more room)."""
    spare = PAPERS[paper].landscape_units - sum(w for w in LEDGER_WIDTHS if w)
    parts = sum(FLEX_PARTS.values())
    return [w or spare * FLEX_PARTS[i] // parts for i, w in enumerate(LEDGER_WIDTHS)]


def page_title(board: str, today: date, lead: str | None, source: str | None) -> str:
    """The title row and page header: board, as-of date, filter (``改革任务台账　截至2023-06-30``)."""
    parts = [board, label("as_of", date=today.isoformat())]
    if lead:
        parts.append(label("filter_lead", value=lead))
    if source:
        parts.append(label("filter_source", value=source))
    return clean("\u3000".join(parts), keep_newlines=False)


def _cell_styles(wb: Workbook) -> dict[bool, str]:
    """Register the data cells' named styles once; return the plain one by "wraps or not".

    A named style is set on a cell by name; setting border, alignment and font
    one by one hashes each style object again, which took most of the export
    time on a big board.
    """
    top = Alignment(vertical="top")
    looks = {
        "台账文字": {"alignment": top},
        "台账换行": {"alignment": Alignment(vertical="top", wrap_text=True)},
        "台账编号": {"alignment": top, "number_format": "@"},
        "台账日期": {"alignment": top, "number_format": "yyyy-mm-dd"},
        "台账逾期": {"alignment": top, "font": _OVERDUE_FONT},
        "台账ID": {"alignment": top, "font": _ID_FONT},
    }
    for name, look in looks.items():
        if name not in wb.named_styles:
            wb.add_named_style(NamedStyle(name=name, border=_BORDER, **look))
    return {False: "台账文字", True: "台账换行"}


def _title_and_header(ws: Worksheet, title: str, heads: Sequence[str], widths: Sequence[int]) -> None:
    last = get_column_letter(len(heads))
    cell = put(ws, TITLE_ROW, 1, title)
    cell.font, cell.alignment = _TITLE_FONT, Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 28
    for col, (head, width) in enumerate(zip(heads, widths, strict=True), 1):
        cell = put(ws, HEAD_ROW, col, head)
        cell.font, cell.fill, cell.border = _HEAD_FONT, _HEAD_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[HEAD_ROW].height = row_height(heads, widths, range(len(heads)))
    ws.freeze_panes = f"A{FIRST_ROW}"


def _ledger_sheet(
    ws: Worksheet, rows: list[list[Any]], bases: list[list[Any]], paper: str, title: str
) -> None:
    widths = ledger_widths(paper)
    _title_and_header(ws, title, COLUMNS, widths)
    styles = _cell_styles(ws.parent)
    id_col = COLUMNS.index(ID_HEADER)
    for r, (values, base) in enumerate(zip(rows, bases, strict=True), FIRST_ROW):
        for c, value in enumerate(values):
            cell = put(ws, r, c + 1, value)
            if c == NUMBER_COL:
                cell.style = "台账编号"  # text (1, 1.一, 3-1): left-aligned, never 1.0
            elif c == DEADLINE_COL and value is not None:
                cell.style = "台账日期"
            elif c == DAYS_COL and isinstance(value, int) and value < 0:
                cell.style = "台账逾期"
            elif c == id_col:
                cell.style = "台账ID"
            else:
                cell.style = styles[c in WRAPPED]
        for c, value in enumerate(base, len(COLUMNS) + 1):
            put(ws, r, c, value)
        height, size = fit_row(values, widths, WRAPPED)
        ws.row_dimensions[r].height = height
        if size != BASE_SIZE:  # a very long measure: smaller type rather than text cut off on paper
            for c in WRAPPED:
                ws.cell(r, c + 1).font = Font(size=size)
    ws.cell(row=HEAD_ROW, column=id_col + 1).comment = Comment(_ID_NOTE, "taskboard")
    for c, head in enumerate(BASE_HEADERS, len(COLUMNS) + 1):
        put(ws, HEAD_ROW, c, head).comment = Comment(_BASE_NOTE, "taskboard")
        ws.column_dimensions[get_column_letter(c)].hidden = True
    last_col = get_column_letter(len(COLUMNS))
    last = len(rows) + HEAD_ROW
    ws.auto_filter.ref = f"A{HEAD_ROW}:{last_col}{last}"
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
    check.add(f"{status_col}{FIRST_ROW}:{status_col}{max(last, FIRST_ROW)}")
    ws.add_data_validation(check)
    set_up_printing(
        ws,
        paper=paper,
        landscape=True,
        title_rows=f"{HEAD_ROW}:{HEAD_ROW}",
        last_column=last_col,
        last_row=last,
        page_title=title,
    )


def _units_sheet(ws: Worksheet, tasks: Sequence[Task], today: date, paper: str, title: str) -> None:
    summary = build_summary(tasks, today)
    heads = [label(k) for k in ("lead", "total", "done", "in_progress", "not_started", "overdue")]
    heads += [label("due_within", n=summary.due_days), label("completion")]
    _title_and_header(ws, title, heads, UNIT_WIDTHS)
    for r, f in enumerate(summary.units, FIRST_ROW):
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
        ws.row_dimensions[r].height = row_height(values, UNIT_WIDTHS, {0})
    last = len(summary.units) + HEAD_ROW
    last_col = get_column_letter(len(heads))
    ws.auto_filter.ref = f"A{HEAD_ROW}:{last_col}{last}"
    put(ws, last + 2, 1, label("units_caption"))
    set_up_printing(
        ws,
        paper=paper,
        landscape=False,
        title_rows=f"{HEAD_ROW}:{HEAD_ROW}",
        last_column=last_col,
        last_row=last + 2,
        page_title=title,
    )


def write_ledger_xlsx(
    tasks: Sequence[Task],
    today: date,
    path: str | Path,
    revision: int | None = None,
    *,
    paper: str = "A4",
    titles: Mapping[str, str] | None = None,
    lead: str | None = None,
    source: str | None = None,
    board: str | None = None,
) -> Path:
    """Write the 台账 workbook to ``path`` (days left counted from ``today``), whole or not at all.

    ``paper`` is ``A4`` or ``A3`` (landscape); ``titles`` maps source files to
    document titles for the 来源文件 column (file name when missing);
    ``lead``/``source`` name the filter in the title; ``board`` the board.
    Each row keeps the status and revision the export saw in hidden cells.
    ``revision``, the store's transaction number, is also kept as a custom
    document property for older taskboards; the import no longer needs it.
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r} (use {' or '.join(PAPERS)})")
    title = page_title(board or label("ledger_title"), today, lead, source)
    wb = Workbook()
    if revision is not None:
        wb.custom_doc_props.append(IntProperty(name=REVISION_PROPERTY, value=revision))
    ledger = wb.active
    ledger.title = LEDGER_SHEET
    _ledger_sheet(ledger, ledger_rows(tasks, today, titles), [export_base(t) for t in tasks], paper, title)
    _units_sheet(wb.create_sheet(UNITS_SHEET), tasks, today, paper, title)
    target = Path(path)
    with atomic_output(target) as f:
        wb.save(f)
    return target
