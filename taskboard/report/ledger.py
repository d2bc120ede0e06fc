"""Reading a 台账 workbook back: statuses and progress notes edited in Excel become store changes.

Only two columns travel back, matched by the ``ID`` column: 状态 (a move) and
最新进展 (a new note).  Nothing is guessed: an unknown id, a status that does
not parse or a row without an id is a problem, and one problem anywhere
means nothing is applied (see :func:`plan_ledger_import`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import Said, join, say
from ..model import Status, Task
from ..safetext import clean, one_line

# Not from .xlsx: openpyxl takes a fifth of a second to import, and the board
# (which imports this module through services) never writes a workbook.
from .ledger_columns import (
    BASE_REVISION_HEADER,
    BASE_STATUS_HEADER,
    ID_HEADER,
    REVISION_PROPERTY,
    strip_csv_guard,
)

StatusAt = Callable[[str, int], Status]

STATUS_HEADER, PROGRESS_HEADER = "状态", "最新进展"
NEEDED = (ID_HEADER, STATUS_HEADER, PROGRESS_HEADER)
HEADER_SCAN = 10  # the header row sits under a title; look this far down for it


class LedgerError(Said, Exception):
    """The file as a whole cannot be read as a 台账 (not a workbook, columns missing)."""


@dataclass(frozen=True, slots=True)
class Exported:
    """What the export knew of one row: the task's status and revision when the workbook was written."""

    status: Status
    revision: int


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """The cells of one data row that an import looks at (``row`` is Excel's row number)."""

    file: str
    row: int
    id: str
    status: str
    progress: str
    revision: int | None = None  # the store's revision in the document properties (older exports)
    exported: Exported | None = None  # from the row's hidden cells; None when they are missing or garbled


@dataclass(frozen=True, slots=True)
class Change:
    """One change an import makes: a status move or a new note.

    ``exported`` is what the workbook's row knew of the task (its status and
    revision at export; None for an older workbook), ``seen_revision`` the
    task's revision the plan was made against: a write that expects the task
    unchanged since planning passes ``seen_revision``.
    """

    file: str
    row: int
    task: str
    number: str
    kind: str  # "move" or "note"
    old: str = ""
    new: str = ""
    exported: Exported | None = None
    seen_revision: int = 0


@dataclass(slots=True)
class LedgerPlan:
    """What importing the workbooks would do, or why it cannot.

    ``notices`` are rows left as the board has them, worth telling the user
    (the board moved the task after the export and the workbook did not).
    """

    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def moves(self) -> list[Change]:
        """The status changes."""
        return [c for c in self.changes if c.kind == "move"]

    @property
    def notes(self) -> list[Change]:
        """The new progress notes."""
        return [c for c in self.changes if c.kind == "note"]


def _text(value: object) -> str:
    """A cell as clean text: line breaks normalised, outer blanks and any CSV ``'`` guard removed."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):  # a date a spreadsheet made of what was typed
        value = value.isoformat()[:10]
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean(str(value).replace("\r\n", "\n").replace("\r", "\n")).strip()
    return strip_csv_guard(text)


def _cell(values: Sequence[object], cols: dict[str, int], name: str) -> str:
    # A row may be shorter than the header when its last cells are blank; a column may be missing.
    i = cols.get(name)
    return _text(values[i]) if i is not None and i < len(values) else ""


def _exported(values: Sequence[object], cols: dict[str, int]) -> Exported | None:
    status, revision = _cell(values, cols, BASE_STATUS_HEADER), _cell(values, cols, BASE_REVISION_HEADER)
    try:
        return Exported(Status.parse(status), int(revision))
    except ValueError:
        return None  # missing or edited: the row cannot be merged three ways


def _header(values: Sequence[object]) -> dict[str, int]:
    names = [ID_HEADER if n.lower() == "id" else n for n in map(_text, values)]
    cols: dict[str, int] = {}
    for i, name in enumerate(names):
        cols.setdefault(name, i)
    return cols


def _sheet_rows(name: str, rows: Iterator[Sequence[object]], revision: int | None) -> list[LedgerRow] | None:
    """The data rows under the first row (of the first few) that has the needed headers; None if none has."""
    for number, values in enumerate(rows, 1):
        if number > HEADER_SCAN:
            return None
        cols = _header(values)
        if all(h in cols for h in NEEDED):
            return [
                LedgerRow(
                    name,
                    n,
                    *(_cell(data, cols, h) for h in NEEDED),
                    revision,
                    _exported(data, cols),
                )
                for n, data in enumerate(rows, number + 1)
                if any(_text(v) for v in data)
            ]
    return None


def read_ledger(path: str | Path) -> list[LedgerRow]:
    """The data rows of the 台账 sheet of ``path``: the first sheet with a header row of ID, 状态, 最新进展.

    Columns are found by their header (in the first ten rows, under any
    title), so a unit may reorder or add columns.  Entirely blank rows are
    skipped.  A file that is not a readable workbook (not a zip, a renamed
    .docx, broken XML) raises :class:`LedgerError` naming the file.
    """
    from openpyxl import load_workbook

    path = Path(path)
    name = one_line(path.name)
    try:
        # data_only: a cell a unit turned into a formula is read as the value Excel showed.
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl, zipfile and the XML parser each raise their own kinds
        raise LedgerError.keyed("ledger.not_xlsx", name=name, why=_why(exc)) from None
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
            rows = _sheet_rows(name, ws.iter_rows(values_only=True), revision)
            if rows is not None:
                return rows
    except Exception as exc:  # a sheet's XML is read lazily, row by row
        raise LedgerError.keyed("ledger.damaged", name=name, why=_why(exc)) from None
    finally:
        wb.close()
    raise LedgerError.keyed("ledger.no_columns", name=name, columns=", ".join(NEEDED))


def _why(exc: Exception) -> str:
    text = one_line(exc)
    text = text if len(text) <= 80 else text[:79] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _problem(r: LedgerRow, lang: str, key: str, **values: object) -> str:
    return say(lang, "ledger.problem", file=r.file, row=r.row, what=say(lang, f"ledger.{key}", **values))


def _known_text(task: Task) -> set[str]:
    # Any note already on the task, not just the latest: a workbook exported
    # before someone added a note must not bring the older text back as new.
    return {clean(n.text.replace("\r\n", "\n")).strip() for n in task.notes}


def _base(r: LedgerRow, task: Task, status_at: StatusAt | None) -> Status | None:
    """The status the row showed when exported: its hidden cells, else (older workbooks) the stamp."""
    if r.exported is not None:
        return r.exported.status
    if status_at is not None and r.revision is not None:
        return status_at(task.id, r.revision)
    return None


def _merge_status(
    r: LedgerRow, task: Task, status: Status, lang: str, plan: LedgerPlan, status_at: StatusAt | None
) -> Status | None:
    """The status to set after a three-way merge (base: what the export knew); None after a conflict.

    A cell still showing the exported status was not edited: the board's later
    move stands (and is reported).  An edited cell whose task the board also
    moved since, or a row that does not say what it was exported with, is a
    conflict: never a silent overwrite.
    """
    if status is task.status:
        return status
    base = _base(r, task, status_at)
    if base is None:
        plan.problems.append(_problem(r, lang, "no_base", status=status.label(lang)))
        return None
    if status is base:
        plan.notices.append(_problem(r, lang, "board_moved", status=task.status.label(lang)))
        return task.status
    if base is not task.status:
        plan.problems.append(
            _problem(r, lang, "both_moved", board=task.status.label(lang), status=status.label(lang))
        )
        return None
    return status


def plan_ledger_import(
    rows: Iterable[LedgerRow],
    tasks: Iterable[Task],
    lang: str = "zh",
    status_at: StatusAt | None = None,
) -> LedgerPlan:
    """Compare ledger rows with the tasks; list the changes, every problem and the notices.

    A 状态 that differs from the task's status is a move (both 已完成 and
    ``done`` spellings are accepted), merged three ways against what the row
    knew at export (see :func:`_merge_status`).  A non-empty 最新进展 that is
    not already one of the task's notes is a new note; an empty cell deletes
    nothing.  ``status_at(task_id, revision)`` serves only workbooks exported
    before rows carried their export status.
    """
    by_id = {t.id: t for t in tasks}
    plan = LedgerPlan()
    seen: dict[str, LedgerRow] = {}
    for r in rows:
        if not r.id:
            plan.problems.append(_problem(r, lang, "no_id"))
            continue
        task = by_id.get(r.id)
        if task is None:
            plan.problems.append(_problem(r, lang, "unknown_id", id=r.id))
            continue
        if r.id in seen:
            first = seen[r.id]
            plan.problems.append(_problem(r, lang, "duplicate_id", id=r.id, file=first.file, row=first.row))
            continue
        seen[r.id] = r
        try:
            status = Status.parse(r.status) if r.status else None
        except ValueError:
            status = None
        if status is None:
            labels = join(lang, (s.label(lang) for s in Status))
            values = join(lang, (s.value for s in Status))
            plan.problems.append(
                _problem(r, lang, "bad_status", status=r.status, labels=labels, values=values)
            )
            continue
        status = _merge_status(r, task, status, lang, plan, status_at)
        if status is None:
            continue
        where = (r.file, r.row, task.id, task.number)
        if status is not task.status:
            plan.changes.append(
                Change(*where, "move", task.status.value, status.value, r.exported, task.revision)
            )
        if r.progress and r.progress not in _known_text(task):
            plan.changes.append(Change(*where, "note", "", r.progress, r.exported, task.revision))
    return plan


def note_author(who: str, files: Sequence[str]) -> str:
    """Who a note from a workbook is by: the importing user, and the workbook it came from."""
    return f"{who}（{'、'.join(files)}）"
