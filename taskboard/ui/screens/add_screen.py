"""Add a task by hand (a leader's instruction, a meeting): the edit form's fields, empty."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label

from taskboard.clock import parse_date
from taskboard.model import split_units

from ..i18n import tr
from .edit_screen import EditScreen

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


class AddScreen(EditScreen):
    """The add form; dismisses with ``add_task`` keyword arguments, or None."""

    def __init__(self, *, lang: str) -> None:
        # The edit form over no task: only its layout, fields and keys are reused.
        super().__init__(None, lang=lang)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        """Title, lead units, co-units, deadline, source."""
        lang = self._lang
        with Vertical(id="dialog"):
            yield Label(tr(lang, "add_title"), id="edit-title", markup=False)
            with VerticalScroll(id="edit-fields"):
                yield self._field("field_title", Input(id="edit-title-input", compact=True))
                yield self._field("field_lead_units", Input(id="edit-lead", compact=True))
                yield self._field("field_co_units", Input(id="edit-co", compact=True), hint="edit_units_hint")
                yield self._field(
                    "field_deadline", Input(placeholder="YYYY-MM-DD", id="edit-deadline", compact=True)
                )
                yield self._field(
                    "field_source",
                    Input(placeholder=tr(lang, "add_source_hint"), id="add-source", compact=True),
                )
            yield Label("", id="edit-error", markup=False)
            yield Label(tr(lang, "edit_hint"), classes="field-hint")
            with Horizontal(id="edit-buttons"):
                yield Button(tr(lang, "edit_cancel"), id="edit-cancel", compact=True)
                yield Button(tr(lang, "edit_save"), variant="primary", id="edit-save", compact=True)

    def action_save(self) -> None:
        """Validate and dismiss with the new task's fields."""
        self._dismiss_checked(
            lambda: new_task_fields(
                title=self._value("#edit-title-input"),
                lead=self._value("#edit-lead"),
                co=self._value("#edit-co"),
                deadline=self._value("#edit-deadline"),
                source=self._value("#add-source"),
            )
        )
