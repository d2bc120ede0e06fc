"""The 台账 (ledger) columns shared by the xlsx and csv exports and the workbook import."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..model import Bucket, Task, countdown

# The eleven columns units know from paper ledgers, in this order.
HEADERS = (
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
)
# A twelfth, trailing column carries the task id: the round trip matches rows by
# it exactly, whatever a unit does to the order of rows or to the other cells.
ID_HEADER = "ID"
COLUMNS = (*HEADERS, ID_HEADER)
NUMBER_COL = HEADERS.index("编号")
STATUS_COL = HEADERS.index("状态")
PROGRESS_COL = HEADERS.index("最新进展")
DEADLINE_COL = HEADERS.index("完成时限")
DAYS_COL = HEADERS.index("剩余天数")
UNIT_SEP = "、"

# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV
# injection"; tab and carriage return are on its list too).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_GUARD = "'"


def days_left(task: Task, today: date) -> int | None:
    """Days to the deadline (negative when overdue); None for done, undated, ongoing, recurring."""
    cd = countdown(task, today)
    if cd.bucket in (Bucket.DONE, Bucket.ONGOING, Bucket.RECURRING):
        return None
    return cd.days


def latest_progress(task: Task) -> str:
    """The 最新进展 cell: the text of the latest note."""
    note = task.latest_note
    return note.text if note else ""


def ledger_row(index: int, task: Task, today: date) -> list[Any]:
    """One task as ledger cells; dates stay ``date`` and days stay ``int`` for the writers to format.

    任务内容 is the full text of the measure (what a unit works from), or the
    title when the document gave none.
    """
    return [
        index,
        task.source,
        task.number,
        task.text or task.title,
        UNIT_SEP.join(task.lead_units),
        UNIT_SEP.join(task.co_units),
        task.deadline,
        task.deadline_text,
        task.status.zh,
        days_left(task, today),
        latest_progress(task),
        task.id,
    ]


def ledger_rows(tasks: Iterable[Task], today: date) -> list[list[Any]]:
    """Every task as a ledger row, numbered from 1 (序号)."""
    return [ledger_row(i, t, today) for i, t in enumerate(tasks, 1)]


def looks_like_formula(value: object) -> bool:
    """True for text a spreadsheet would evaluate (starts with = + - @, tab or CR)."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_guard(value: str) -> str:
    """Text made safe for a CSV cell: formula-like text gets a leading ``'`` (OWASP)."""
    return CSV_GUARD + value if looks_like_formula(value) else value


def strip_csv_guard(value: str) -> str:
    """Undo :func:`csv_guard` (a ledger that went through CSV and Excel may carry the ``'``)."""
    if value.startswith(CSV_GUARD) and looks_like_formula(value[1:]):
        return value[1:]
    return value
