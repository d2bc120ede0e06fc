"""Edit a task's title, units and deadline."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select

from taskboard.clock import BadDate, parse_date
from taskboard.model import DeadlineKind, Task, split_units

from ..i18n import tr
from .dialog import Dialog, Invalid

# The one unit-splitting rule of every form (CLI and board agree on ``A/B``, ``A；B``…).
parse_units = split_units


def form_changes(
    task: Task,
    *,
    title: str,
    lead: str,
    co: str,
    deadline: str,
    deadline_text: str,
    kind: DeadlineKind | None,
) -> dict[str, Any]:
    """The fields the form changes, ready for ``store.edit``; raise ValueError on bad input.

    When the kind was left alone, giving a date makes the deadline explicit and
    clearing the date of a dated task makes it "none".
    """
    title = " ".join(title.split())
    if not title:
        raise ValueError("title")
    new_deadline: date | None = parse_date(deadline) if deadline.strip() else None
    if kind is None or kind == task.deadline_kind:
        kind = task.deadline_kind
        if new_deadline and not task.deadline and kind is not DeadlineKind.INFERRED:
            kind = DeadlineKind.EXPLICIT
        elif not new_deadline and task.deadline and kind in (DeadlineKind.EXPLICIT, DeadlineKind.INFERRED):
            kind = DeadlineKind.NONE
    wanted = {
        "title": title,
        "lead_units": parse_units(lead),
        "co_units": parse_units(co),
        "deadline": new_deadline,
        "deadline_text": deadline_text.strip(),
        "deadline_kind": kind,
    }
    return {k: v for k, v in wanted.items() if getattr(task, k) != v}


class TaskForm(Dialog[dict[str, Any]]):
    """A form of task fields (the edit and add dialogs); dismisses with a dict, or None.

    Enter in any field or ctrl+s saves; subclasses compose the fields in
    :meth:`compose_fields` and read them in :meth:`read_form`.
    """

    NAME = "edit"

    # One line a field (label, then a borderless input), so the whole form and its
    # buttons fit an 80x24 terminal; the fields scroll if the terminal is smaller still.
    DEFAULT_CSS = """
    TaskForm > #dialog { width: 84; max-width: 95%; max-height: 95%; }
    TaskForm #edit-fields { height: auto; max-height: 16; }
    TaskForm .field { height: auto; margin-bottom: 1; }
    TaskForm .field-label { color: $text-muted; width: 16; }
    TaskForm .field Input, TaskForm .field Select { width: 1fr; }
    TaskForm .field-hint { color: $text-muted; text-style: italic; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", show=False, priority=True)]

    def __init__(self, title: str, *, lang: str) -> None:
        super().__init__(title)
        self._lang = lang

    def compose_body(self) -> ComposeResult:
        """The fields (scrolling when the terminal is small), error line, hint, buttons."""
        with VerticalScroll(id="edit-fields"):
            yield from self.compose_fields()
        yield self.error_line()
        yield Label(tr(self._lang, "edit_hint"), classes="field-hint")
        yield self.button_row(
            Button(tr(self._lang, "edit_cancel"), id="edit-cancel", compact=True),
            Button(tr(self._lang, "edit_save"), variant="primary", id="edit-save", compact=True),
        )

    def compose_fields(self) -> ComposeResult:
        """One :meth:`_field` row per field."""
        yield from ()

    def read_form(self) -> dict[str, Any]:
        """What the form says; BadDate or ValueError (an empty title) when it cannot be saved."""
        raise NotImplementedError

    def _field(self, label: str, control: Widget, hint: str | None = None) -> Widget:
        """One row: the field's name and its input, with a hint under the input."""
        column = Vertical(control, *([Label(tr(self._lang, hint), classes="field-hint")] if hint else []))
        column.styles.height = "auto"
        return Horizontal(Label(tr(self._lang, label), classes="field-label"), column, classes="field")

    def on_mount(self) -> None:
        """Start in the title field."""
        self.query_one("#edit-title-input", Input).focus()

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def action_save(self) -> None:
        """Validate and dismiss with what the form says, or say in the form what is wrong."""
        self.dismiss_checked(self._read_checked)

    def _read_checked(self) -> dict[str, Any]:
        try:
            return self.read_form()
        except BadDate:
            raise Invalid(tr(self._lang, "error_bad_date")) from None
        except ValueError:
            raise Invalid(tr(self._lang, "error_title_empty")) from None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field saves."""
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "edit-save":
            self.action_save()
        else:
            self.action_cancel()


class EditScreen(TaskForm):
    """A form over one task; dismisses with the changed fields (an unchanged form: {}), or None."""

    def __init__(self, task: Task, *, lang: str) -> None:
        super().__init__(tr(lang, "edit_title", number=task.number), lang=lang)
        self._edited = task

    def compose_fields(self) -> ComposeResult:
        """One input per editable field."""
        t, lang = self._edited, self._lang
        kinds = [(tr(lang, f"kind_{k.value}"), k) for k in DeadlineKind]
        yield self._field("field_title", Input(t.title, id="edit-title-input", compact=True))
        yield self._field("field_lead_units", Input("、".join(t.lead_units), id="edit-lead", compact=True))
        yield self._field(
            "field_co_units",
            Input("、".join(t.co_units), id="edit-co", compact=True),
            hint="edit_units_hint",
        )
        deadline = t.deadline.isoformat() if t.deadline else ""
        yield self._field(
            "field_deadline",
            Input(deadline, placeholder="YYYY-MM-DD", id="edit-deadline", compact=True),
            hint="edit_deadline_hint",
        )
        yield self._field(
            "field_deadline_text", Input(t.deadline_text, id="edit-deadline-text", compact=True)
        )
        yield self._field(
            "field_deadline_kind",
            Select(kinds, value=t.deadline_kind, allow_blank=False, id="edit-kind", compact=True),
        )

    def read_form(self) -> dict[str, Any]:
        """The changed fields."""
        kind = self.query_one("#edit-kind", Select).value
        return form_changes(
            self._edited,
            title=self._value("#edit-title-input"),
            lead=self._value("#edit-lead"),
            co=self._value("#edit-co"),
            deadline=self._value("#edit-deadline"),
            deadline_text=self._value("#edit-deadline-text"),
            kind=kind if isinstance(kind, DeadlineKind) else None,
        )
