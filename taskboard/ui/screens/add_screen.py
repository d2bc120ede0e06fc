"""Add a task by hand (a leader's instruction, a meeting): the edit form's fields, empty."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from taskboard.clock import parse_date
from taskboard.model import split_units

from ..i18n import tr
from .edit_screen import TaskForm

# Where a hand-made task is filed unless the user names a source (the store's own default).
DEFAULT_SOURCE = ""


def new_task_fields(*, title: str, lead: str, co: str, deadline: str, source: str) -> dict[str, Any]:
    """The ``store.add_task`` arguments of the form; ValueError("title") or BadDate on bad input."""
    title = " ".join(title.split())
    if not title:
        raise ValueError("title")
    when: date | None = parse_date(deadline) if deadline.strip() else None
    fields: dict[str, Any] = {
        "title": title,
        "lead_units": split_units(lead),
        "co_units": split_units(co),
        "deadline": when,
    }
    if source.strip():
        fields["source"] = source.strip()
    return fields


class AddScreen(TaskForm):
    """The add form; dismisses with ``add_task`` keyword arguments, or None."""

    def __init__(self, *, lang: str) -> None:
        super().__init__(tr(lang, "add_title"), lang=lang)

    def compose_fields(self) -> ComposeResult:
        """Title, lead units, co-units, deadline, source."""
        yield self._field("field_title", Input(id="edit-title-input", compact=True))
        yield self._field("field_lead_units", Input(id="edit-lead", compact=True))
        yield self._field("field_co_units", Input(id="edit-co", compact=True), hint="edit_units_hint")
        yield self._field("field_deadline", Input(placeholder="YYYY-MM-DD", id="edit-deadline", compact=True))
        yield self._field(
            "field_source",
            Input(placeholder=tr(self._lang, "add_source_hint"), id="add-source", compact=True),
        )

    def read_form(self) -> dict[str, Any]:
        """The new task's fields."""
        return new_task_fields(
            title=self._value("#edit-title-input"),
            lead=self._value("#edit-lead"),
            co=self._value("#edit-co"),
            deadline=self._value("#edit-deadline"),
            source=self._value("#add-source"),
        )
