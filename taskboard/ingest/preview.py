"""A rich table of what an import would create (``taskboard import FILE --dry-run``).

Every cell is a ``Text`` built from cleaned document text: a title such as ``[/]``
or ``[link=…]`` is shown as written, never read as rich markup.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from taskboard.catalogue import join, review_label, say
from taskboard.model import DeadlineKind, Task
from taskboard.safetext import clean, one_line

from .build import ParsedDocument

_HEADERS = ("number", "title", "lead", "deadline", "status", "review")
_KIND_KEYS = {
    DeadlineKind.ONGOING: "preview.ongoing",
    DeadlineKind.RECURRING: "preview.recurring",
}


def deadline_label(task: Task, lang: str = "zh") -> str:
    """``2023-12-31``, ``2022-12-31（推定）``, ``持续推进`` or ``—``."""
    kind = task.deadline_kind
    if task.deadline is not None:
        day = task.deadline.isoformat()
        return say(lang, "preview.inferred", day=day) if kind is DeadlineKind.INFERRED else day
    if kind in _KIND_KEYS:
        return say(lang, _KIND_KEYS[kind])
    return task.deadline_text or "—"


def review_cell(task: Task, lang: str = "zh") -> str:
    """The task's review codes as short phrases, one per line ("" when nothing is in doubt)."""
    return "\n".join(review_label(code, lang) for code in task.review)


def review_count_line(doc: ParsedDocument, lang: str = "zh") -> str:
    """``3 项待核（共 17 项任务）`` / ``3 of 17 tasks need checking``."""
    doubtful = sum(1 for t in doc.tasks if t.review)
    return say(lang, "preview.review_count", doubtful=doubtful, n=len(doc.tasks))


def preview_table(doc: ParsedDocument, lang: str = "zh") -> Table:
    """One row per task: number, title, lead units, deadline, status, what to check.

    The caption (printed under the table) names the file and counts the tasks in doubt.
    """
    headers = [say(lang, f"preview.col_{name}") for name in _HEADERS]
    # The file name goes in the caption: long names would otherwise wrap the title mid-word.
    caption = f"{one_line(doc.source)} · {review_count_line(doc, lang)}"
    table = Table(title=Text(one_line(doc.title)), caption=Text(caption), caption_justify="left")
    table.add_column(headers[0], justify="right", no_wrap=True)
    table.add_column(headers[1], overflow="fold")
    table.add_column(headers[2], overflow="fold")
    table.add_column(headers[3], no_wrap=True)
    table.add_column(headers[4], no_wrap=True)
    table.add_column(headers[5], overflow="fold", style="yellow")
    for task in doc.tasks:
        cells = (
            task.number,
            task.title,
            join(lang, task.lead_units) or "—",
            deadline_label(task, lang),
            task.status.label(lang),
            review_cell(task, lang),
        )
        table.add_row(*(Text(clean(cell)) for cell in cells))
    return table
