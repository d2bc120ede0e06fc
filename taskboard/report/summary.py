"""The figures of the summary, computed from tasks as plain dataclasses (rendering is elsewhere)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import PurePath

from ..model import DUE_SOON_DAYS, Bucket, DocumentInfo, Status, Task, countdown, measure_key, measure_ref
from ..safetext import one_line
from .ledger_columns import source_name

# Where a task without any lead unit is counted; renderers show a label instead.
NO_LEAD = ""


@dataclass(slots=True)
class Figures:
    """Counts for one group of tasks: everything, one lead unit or one source document."""

    name: str = ""
    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0  # unfinished, deadline passed
    due: int = 0  # unfinished, 0 ≤ days left ≤ the summary's due_days

    def count(self, status: Status, overdue: bool, due: bool) -> None:
        """Add one task."""
        self.total += 1
        if status is Status.DONE:
            self.done += 1
        elif status is Status.IN_PROGRESS:
            self.in_progress += 1
        else:
            self.not_started += 1
        self.overdue += overdue
        self.due += due

    @property
    def completion(self) -> int:
        """Done / total as a whole percentage, rounded half up (0 for no tasks)."""
        if not self.total:
            return 0
        return (200 * self.done + self.total) // (2 * self.total)

    @property
    def completion_ratio(self) -> float:
        """Done / total as a fraction (for bars and spreadsheet cells)."""
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One task in the overdue or due-soon list."""

    id: str
    number: str
    title: str
    leads: tuple[str, ...]
    deadline: date | None
    days: int  # negative when overdue
    source: str
    # How the list names the measure: its number, or 《short title》第N项 when the
    # list mixes documents (a number alone is ambiguous across documents).
    ref: str = ""

    @property
    def shown(self) -> str:
        """The measure as the list names it."""
        return self.ref or self.number


@dataclass(slots=True)
class Summary:
    """Everything the summary shows, as of one day."""

    as_of: date
    lead: str | None = None
    source: str | None = None
    # One "due soon" window (model.DUE_SOON_DAYS; ``due_soon_days`` in config.json, ``--within``)
    # for the header, the per-unit table, the list and 催办: build_summary sets both to it.
    due_days: int = DUE_SOON_DAYS
    soon_days: int = DUE_SOON_DAYS
    totals: Figures = field(default_factory=Figures)
    units: list[Figures] = field(default_factory=list)  # worst first, see build_summary
    sources: list[Figures] = field(default_factory=list)  # in source-name order
    overdue: list[TaskLine] = field(default_factory=list)  # most overdue first
    due_soon: list[TaskLine] = field(default_factory=list)  # soonest first


def task_line(task: Task, days: int, as_of: date | None = None) -> TaskLine:
    """The list entry for ``task`` with ``days`` left (negative when overdue).

    A recurring duty has no stored date: its current period's due date is
    ``as_of`` plus ``days`` (see ``model.countdown``).

    Every text is cleaned to one line here, so no report built from it (text,
    md, html, pdf, svg, 催办, the board's screen) shows an escape code from a document.
    """
    return TaskLine(
        task.id,
        one_line(task.number),
        one_line(task.title),
        tuple(one_line(u) for u in task.lead_units),
        task.deadline or (as_of + timedelta(days=days) if as_of is not None else None),
        days,
        one_line(task.source),
    )


def build_summary(
    tasks: Iterable[Task],
    as_of: date,
    *,
    lead: str | None = None,
    source: str | None = None,
    within: int = DUE_SOON_DAYS,
    titles: Mapping[str, str] | None = None,
) -> Summary:
    """Count ``tasks`` (filtered by ``lead`` / ``source``) as of ``as_of``.

    Overdue: unfinished with days left < 0.  Due within N (``within``, the one
    "due soon" window of every report): unfinished with
    0 ≤ days left ≤ N.  Ongoing duties have no date and are neither; a
    recurring duty counts by its current period's due date.  A task with
    several lead units counts once in the totals and once in each of its
    units' rows; with ``lead`` only that unit's row
    is kept.  Units are sorted worst first: most overdue, then lowest
    completion, then most tasks, then name.  Documents are named by
    ``titles`` (source file → title) where it has them.  Names and filters
    are cleaned of escape codes (they come from documents and the command line).
    """
    summary = Summary(
        as_of,
        None if lead is None else one_line(lead),
        None if source is None else one_line(source),
        within,
        within,
    )
    units: dict[str, Figures] = {}
    sources: dict[str, Figures] = {}
    for task in (t for t in tasks if t.matches(lead=lead, source=source)):
        cd = countdown(task, as_of)
        overdue = cd.bucket is Bucket.OVERDUE
        days = cd.days
        # countdown() gives done tasks their days too; only unfinished ones are "due".
        unfinished_days = days if days is not None and cd.bucket is not Bucket.DONE else None
        due = unfinished_days is not None and 0 <= unfinished_days <= within
        summary.totals.count(task.status, overdue, due)
        for unit in task.lead_units or [NO_LEAD]:
            if lead is None or unit == lead:
                if unit not in units:  # names are cleaned once per unit, not once per task
                    units[unit] = Figures(one_line(unit))
                units[unit].count(task.status, overdue, due)
        if task.source not in sources:
            sources[task.source] = Figures(one_line(source_name(task.source, titles)))
        sources[task.source].count(task.status, overdue, due)
        if overdue:
            summary.overdue.append(task_line(task, days, as_of))
        elif due:
            summary.due_soon.append(task_line(task, unfinished_days, as_of))
    summary.units = sorted(units.values(), key=lambda f: (-f.overdue, f.completion_ratio, -f.total, f.name))
    summary.sources = [sources[name] for name in sorted(sources)]
    if len(sources) > 1:
        summary.overdue = [_named(t, titles) for t in summary.overdue]
        summary.due_soon = [_named(t, titles) for t in summary.due_soon]
    summary.overdue.sort(key=lambda t: (t.days, t.source, measure_key(t.number)))
    summary.due_soon.sort(key=lambda t: (t.days, t.source, measure_key(t.number)))
    return summary


def titled_document(source: str, titles: Mapping[str, str] | None) -> DocumentInfo:
    """The document a list names a measure by: its title from ``titles``, else the file's stem."""
    return DocumentInfo(source, title=(titles or {}).get(source, "") or PurePath(source).stem)


def _named(line: TaskLine, titles: Mapping[str, str] | None) -> TaskLine:
    doc = titled_document(line.source, titles)
    return replace(line, ref=one_line(measure_ref(doc, line.number, width=12)))
