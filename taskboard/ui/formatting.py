"""Turning task fields and history rows into the text the detail view shows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from taskboard.model import DeadlineKind, Note, Status, Task
from taskboard.store import HistoryRow

from ..catalogue import join
from .i18n import tr

_CREATED = "*created*"  # the history field of a task's creation (see taskboard.store.history)


def local_time(at: str) -> str:
    """An ISO timestamp as local ``YYYY-MM-DD HH:MM`` (unparseable text is shown as is)."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def kind_label(kind: DeadlineKind | str, lang: str) -> str:
    """``明确时限`` / ``explicit``…"""
    return tr(lang, f"kind_{DeadlineKind(kind).value}")


def units(names: list[str], lang: str) -> str:
    """Unit names joined the way each language lists them, or a dash."""
    if not names:
        return tr(lang, "none_value")
    return join(lang, names)


def deadline_line(task: Task, lang: str) -> str:
    """The deadline with the document's own phrase: ``2023-12-31（原文：年底前）``."""
    when = task.deadline.isoformat() if task.deadline else kind_label(task.deadline_kind, lang)
    phrase = task.deadline_text.strip()
    if phrase and phrase != when:
        return tr(lang, "deadline_with_phrase", date=when, phrase=phrase)
    return when


def field_label(field: str, lang: str) -> str:
    """The name of a task field in history rows."""
    if field == _CREATED:
        return tr(lang, "field_created")
    try:
        return tr(lang, f"field_{field}")
    except KeyError:
        return field


def format_value(field: str, value: Any, lang: str) -> str:
    """A stored field value as a person reads it."""
    if value is None or value == "" or value == []:
        return tr(lang, "none_value")
    if field == "status":
        try:
            return Status(value).label(lang)
        except ValueError:
            return str(value)
    if field == "deadline_kind":
        try:
            return kind_label(value, lang)
        except ValueError:
            return str(value)
    if field == "notes" and isinstance(value, dict):
        return str(value.get("text", ""))
    if isinstance(value, list):
        return units([str(v) for v in value], lang)
    return " ".join(str(value).split())


def history_line(row: HistoryRow, lang: str) -> str:
    """One history row: when, who, what changed from what to what."""
    try:
        action = tr(lang, f"action_{row.action}")
    except KeyError:
        action = row.action
    head = f"{local_time(row.at)}  {row.who}  {action}"
    if row.field == _CREATED:
        return f"{head}  {format_value('title', row.new or row.old, lang)}"
    if not row.field:
        return head
    if row.field == "notes":
        # A note row: the note itself (an undo row: the note it took back).
        return f"{head}  {format_value('notes', row.new or row.old, lang)}"
    change = tr(
        lang,
        "history_change",
        field=field_label(row.field, lang),
        old=format_value(row.field, row.old, lang),
        new=format_value(row.field, row.new, lang),
    )
    return f"{head}  {change}"


def note_line(note: Note, lang: str) -> str:
    """One progress note: when, who, what."""
    colon = tr(lang, "colon")
    return f"{local_time(note.at)}  {note.author}{colon}{note.text}"
