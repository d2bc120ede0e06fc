"""A rich table of what an import would create (``taskboard import FILE --dry-run``).

Every cell is a ``Text`` built from cleaned document text: a title such as ``[/]``
or ``[link=…]`` is shown as written, never read as rich markup.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from taskboard.model import DeadlineKind, Task
from taskboard.safetext import clean, one_line

from .build import ParsedDocument
from .review import review_label

_HEADERS = {
    "zh": ("编号", "标题", "牵头单位", "完成时限", "状态", "待核"),
    "en": ("No.", "Title", "Lead units", "Deadline", "Status", "Check"),
}
_KIND_LABELS = {
    "zh": {DeadlineKind.INFERRED: "推定", DeadlineKind.ONGOING: "持续推进", DeadlineKind.RECURRING: "定期"},
    "en": {
        DeadlineKind.INFERRED: "inferred",
        DeadlineKind.ONGOING: "ongoing",
        DeadlineKind.RECURRING: "recurring",
    },
}


def deadline_label(task: Task, lang: str = "zh") -> str:
    """``2023-12-31``, ``2022-12-31（推定）``, ``持续推进`` or ``—``."""
    labels = _KIND_LABELS["zh" if lang == "zh" else "en"]
    kind = task.deadline_kind
    if task.deadline is not None:
        day = task.deadline.isoformat()
        if kind is DeadlineKind.INFERRED:
            return f"{day}（{labels[kind]}）" if lang == "zh" else f"{day} ({labels[kind]})"
        return day
    if kind in labels:
        return labels[kind]
    return task.deadline_text or "—"


def review_cell(task: Task, lang: str = "zh") -> str:
    """The task's review codes as short phrases, one per line ("" when nothing is in doubt)."""
    return "\n".join(review_label(code, lang) for code in task.review)


def review_count_line(doc: ParsedDocument, lang: str = "zh") -> str:
    """``3 项待核（共 17 项任务）`` / ``3 of 17 tasks need checking``."""
    doubtful = sum(1 for t in doc.tasks if t.review)
    if lang == "zh":
        return f"{doubtful} 项待核（共 {len(doc.tasks)} 项任务）"
    return f"{doubtful} of {len(doc.tasks)} tasks need checking"


def preview_table(doc: ParsedDocument, lang: str = "zh") -> Table:
    """One row per task: number, title, lead units, deadline, status, what to check.

    The caption (printed under the table) names the file and counts the tasks in doubt.
    """
    zh = lang == "zh"
    headers = _HEADERS["zh" if zh else "en"]
    # The file name goes in the caption: long names would otherwise wrap the title mid-word.
    caption = f"{one_line(doc.source)} · {review_count_line(doc, lang)}"
    table = Table(title=Text(one_line(doc.title)), caption=Text(caption), caption_justify="left")
    table.add_column(headers[0], justify="right", no_wrap=True)
    table.add_column(headers[1], overflow="fold")
    table.add_column(headers[2], overflow="fold")
    table.add_column(headers[3], no_wrap=True)
    table.add_column(headers[4], no_wrap=True)
    table.add_column(headers[5], overflow="fold", style="yellow")
    separator = "、" if zh else ", "
    for task in doc.tasks:
        cells = (
            task.number,
            task.title,
            separator.join(task.lead_units) or "—",
            deadline_label(task, lang),
            task.status.label(lang),
            review_cell(task, lang),
        )
        table.add_row(*(Text(clean(cell)) for cell in cells))
    return table
