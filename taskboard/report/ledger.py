"""Reading a 台账 workbook back: statuses and progress notes edited in Excel become store changes.

Only two columns travel back, matched by the ``ID`` column: 状态 (a move) and
最新进展 (a new note).  Nothing is guessed: an unknown id, a status that does
not parse or a row without an id is a problem, and one problem anywhere
means nothing is applied (see :func:`plan_ledger_import`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Status, Task
from ..store import TaskStore
from .ledger_columns import HEADERS, ID_HEADER, strip_csv_guard
from .xlsx import REVISION_PROPERTY

StatusAt = Callable[[str, int], Status]

NEEDED = (ID_HEADER, HEADERS[8], HEADERS[10])  # ID, 状态, 最新进展


class LedgerError(Exception):
    """The file as a whole cannot be read as a 台账 (not a workbook, columns missing)."""


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """The cells of one data row that an import looks at (``row`` is Excel's row number)."""

    file: str
    row: int
    id: str
    status: str
    progress: str
    revision: int | None = None  # the store's revision when the workbook was exported, if stamped


@dataclass(frozen=True, slots=True)
class Change:
    """One change an import makes: a status move or a new note."""

    file: str
    row: int
    task: str
    number: str
    kind: str  # "move" or "note"
    old: str = ""
    new: str = ""


@dataclass(slots=True)
class LedgerPlan:
    """What importing the workbooks would do, or why it cannot."""

    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def moves(self) -> list[Change]:
        """The status changes."""
        return [c for c in self.changes if c.kind == "move"]

    @property
    def notes(self) -> list[Change]:
        """The new progress notes."""
        return [c for c in self.changes if c.kind == "note"]


def _text(value: object) -> str:
    """A cell as text: Excel's line breaks normalised, outer blanks and any CSV ``'`` guard removed."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):  # a date a spreadsheet made of what was typed
        value = value.isoformat()[:10]
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return strip_csv_guard(text)


def _cell(values: Sequence[object], i: int) -> str:
    # A row may be shorter than the header when its last cells are blank.
    return _text(values[i]) if i < len(values) else ""


def read_ledger(path: str | Path) -> list[LedgerRow]:
    """The data rows of the 台账 sheet of ``path``: the first sheet whose header row has ID, 状态, 最新进展.

    Columns are found by their header, so a unit may reorder or add columns.
    Entirely blank rows are skipped.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    try:
        # data_only: a cell a unit turned into a formula is read as the value Excel showed.
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LedgerError(f"{path.name}: not an Excel workbook (.xlsx) taskboard can read ({exc})") from None
    try:
        revision = next(
            (
                p.value
                for p in wb.custom_doc_props.props
                if p.name == REVISION_PROPERTY and isinstance(p.value, int)
            ),
            None,
        )
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None) or ()
            names = [ID_HEADER if n.lower() == "id" else n for n in map(_text, header)]
            cols = {h: names.index(h) for h in NEEDED if h in names}
            if len(cols) < len(NEEDED):
                continue
            return [
                LedgerRow(path.name, number, *(_cell(values, cols[name]) for name in NEEDED), revision)
                for number, values in enumerate(rows, 2)
                if any(_text(v) for v in values)
            ]
    finally:
        wb.close()
    raise LedgerError(f"{path.name}: no sheet has the 台账 columns {', '.join(NEEDED)} in its first row")


def _problem(r: LedgerRow, lang: str, zh: str, en: str) -> str:
    return f"{r.file} 第{r.row}行：{zh}" if lang == "zh" else f"{r.file} row {r.row}: {en}"


def _known_text(task: Task) -> set[str]:
    # Any note already on the task, not just the latest: a workbook exported
    # before someone added a note must not bring the older text back as new.
    return {n.text.replace("\r\n", "\n").strip() for n in task.notes}


def plan_ledger_import(
    rows: Iterable[LedgerRow],
    tasks: Iterable[Task],
    lang: str = "zh",
    status_at: StatusAt | None = None,
) -> LedgerPlan:
    """Compare ledger rows with the tasks; list the changes and every problem.

    A 状态 that differs from the task's status is a move (both 已完成 and
    ``done`` spellings are accepted).  A non-empty 最新进展 that is not already
    one of the task's notes is a new note; an empty cell deletes nothing.

    When the workbook carries the revision it was exported at and
    ``status_at(task_id, revision)`` is given, statuses merge three ways: a
    cell still showing the exported status was not edited (the board's later
    move stands); an edited cell whose task the board also moved since is a
    problem, not a silent overwrite.
    """
    by_id = {t.id: t for t in tasks}
    plan = LedgerPlan()
    seen: dict[str, LedgerRow] = {}
    for r in rows:
        if not r.id:
            plan.problems.append(
                _problem(r, lang, "没有任务ID（ID列为空）", "no task id (the ID cell is empty)")
            )
            continue
        task = by_id.get(r.id)
        if task is None:
            plan.problems.append(_problem(r, lang, f"未知的任务ID「{r.id}」", f"unknown task id {r.id!r}"))
            continue
        if r.id in seen:
            first = seen[r.id]
            plan.problems.append(
                _problem(
                    r,
                    lang,
                    f"任务ID「{r.id}」重复（{first.file} 第{first.row}行已有）",
                    f"task id {r.id!r} appears twice (also {first.file} row {first.row})",
                )
            )
            continue
        seen[r.id] = r
        try:
            status = Status.parse(r.status) if r.status else None
        except ValueError:
            status = None
        if status is None:
            choices = "、".join(s.zh for s in Status)
            plan.problems.append(
                _problem(
                    r,
                    lang,
                    f"状态「{r.status}」无法识别（可填：{choices}）",
                    f"unknown status {r.status!r} (use {choices} or {', '.join(s.value for s in Status)})",
                )
            )
            continue
        if status is not task.status and status_at is not None and r.revision is not None:
            exported = status_at(task.id, r.revision)
            if status is exported:
                status = task.status  # not edited in the workbook; the board moved it since
            elif exported is not task.status:
                plan.problems.append(
                    _problem(
                        r,
                        lang,
                        f"状态在导出后已改为「{task.status.zh}」，表中改为「{status.zh}」，无法确定以哪个为准",
                        f"status changed to {task.status.value!r} on the board after export and to "
                        f"{status.value!r} in the workbook; cannot tell which stands",
                    )
                )
                continue
        if status is not task.status:
            plan.changes.append(
                Change(r.file, r.row, task.id, task.number, "move", task.status.value, status.value)
            )
        if r.progress and r.progress not in _known_text(task):
            plan.changes.append(Change(r.file, r.row, task.id, task.number, "note", "", r.progress))
    return plan


def note_author(who: str, files: Sequence[str]) -> str:
    """Who a note from a workbook is by: the importing user, and the workbook it came from."""
    return f"{who}（{'、'.join(files)}）"


def apply_ledger_plan(store: TaskStore, plan: LedgerPlan) -> None:
    """Make the plan's changes in one transaction: one commit, one ``undo`` reverts them all."""
    if plan.problems:
        raise ValueError("a ledger plan with problems must not be applied")
    with store.transaction():
        for ch in plan.changes:
            if ch.kind == "move":
                store.move(ch.task, Status(ch.new))
            else:
                store.add_note(ch.task, ch.new, author=note_author(store.who, [ch.file]))
