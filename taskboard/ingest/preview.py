"""A rich table of what an import would create (``taskboard import FILE --dry-run``)."""

from __future__ import annotations

from rich.table import Table

from taskboard.model import DeadlineKind, Task

from .build import ParsedDocument

_HEADERS = {
    "zh": ("编号", "标题", "牵头单位", "完成时限", "状态"),
    "en": ("No.", "Title", "Lead units", "Deadline", "Status"),
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


def preview_table(doc: ParsedDocument, lang: str = "zh") -> Table:
    """One row per task: number, title, lead units, deadline, status."""
    headers = _HEADERS["zh" if lang == "zh" else "en"]
    count = f"{len(doc.tasks)} 项任务" if lang == "zh" else f"{len(doc.tasks)} tasks"
    # The file name goes in the caption: long names would otherwise wrap the title mid-word.
    table = Table(title=doc.title, caption=f"{doc.source} · {count}", caption_justify="left")
    table.add_column(headers[0], justify="right", no_wrap=True)
    table.add_column(headers[1], overflow="fold")
    table.add_column(headers[2], overflow="fold")
    table.add_column(headers[3], no_wrap=True)
    table.add_column(headers[4], no_wrap=True)
    separator = "、" if lang == "zh" else ", "
    for task in doc.tasks:
        table.add_row(
            task.number,
            task.title,
            separator.join(task.lead_units) or "—",
            deadline_label(task, lang),
            task.status.label(lang),
        )
    return table
