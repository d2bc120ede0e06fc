"""The 台账 (ledger) columns shared by the xlsx and csv exports and the workbook import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ..model import Bucket, Task, countdown
from ..safetext import clean

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
# The workbook's custom property that records the board revision it was exported at.
REVISION_PROPERTY = "taskboard_revision"
COLUMNS = (*HEADERS, ID_HEADER)
# Two more, hidden, in the workbook only: what the export knew of each row (the
# task's status and revision), so the three-way merge of a re-import never
# depends on document properties another spreadsheet program may drop.
BASE_STATUS_HEADER = "导出时状态"
BASE_REVISION_HEADER = "导出时版本"
BASE_HEADERS = (BASE_STATUS_HEADER, BASE_REVISION_HEADER)
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


def source_name(source: str, titles: Mapping[str, str] | None = None) -> str:
    """How a document is shown: its title from ``titles`` (source file → title), else the file name."""
    return (titles or {}).get(source) or source


def ledger_row(index: int, task: Task, today: date, titles: Mapping[str, str] | None = None) -> list[Any]:
    """One task as ledger cells; dates stay ``date`` and days stay ``int`` for the writers to format.

    任务内容 is the full text of the measure (what a unit works from), or the
    title when the document gave none.  Every text passes through
    :func:`~taskboard.safetext.clean`: no escape code reaches a CSV or a cell.
    """
    return [
        index,
        clean(source_name(task.source, titles), keep_newlines=False),
        clean(task.number, keep_newlines=False),
        clean(task.text or task.title),
        clean(UNIT_SEP.join(task.lead_units), keep_newlines=False),
        clean(UNIT_SEP.join(task.co_units), keep_newlines=False),
        task.deadline,
        clean(task.deadline_text, keep_newlines=False),
        task.status.zh,
        days_left(task, today),
        clean(latest_progress(task)),
        task.id,
    ]


def ledger_rows(
    tasks: Iterable[Task], today: date, titles: Mapping[str, str] | None = None
) -> list[list[Any]]:
    """Every task as a ledger row, numbered from 1 (序号); ``titles`` maps source files to document titles."""
    return [ledger_row(i, t, today, titles) for i, t in enumerate(tasks, 1)]


def export_base(task: Task) -> list[Any]:
    """The hidden cells under :data:`BASE_HEADERS`: the status (``done``…) and revision the export saw."""
    return [task.status.value, task.revision]


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
