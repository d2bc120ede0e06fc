"""The one frame every modal dialog of the board shares.

A centred, bordered box with a bold title; escape cancels (dismisses with
None); an error line for input the dialog refuses; a right-aligned row of
buttons.  Each dialog only composes its body and says what it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

T = TypeVar("T")


class Invalid(Exception):
    """What is wrong with a dialog's input, in the user's words; the dialog stays open."""


class Dialog(ModalScreen[T | None]):
    """A titled dialog answering ``T``, or None when cancelled.

    Subclasses compose their body in :meth:`compose_body`; ``NAME`` prefixes
    the ids of the title (``<NAME>-title``) and error line (``<NAME>-error``).
    """

    NAME: ClassVar[str] = "dialog"

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > #dialog {
        width: 72;
        max-width: 90%;
        height: auto;
        border: round $border;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog-title { text-style: bold; color: $text-primary; margin-bottom: 1; }
    Dialog .dialog-error { color: $text-error; height: auto; }
    Dialog .dialog-hint { color: $text-muted; }
    Dialog .dialog-buttons { height: auto; align-horizontal: right; }
    Dialog .dialog-buttons Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str) -> None:
        super().__init__()
        self._title = title

    def compose(self) -> ComposeResult:
        """The frame and title around the dialog's own body."""
        with Vertical(id="dialog"):
            yield Label(self._title, id=f"{self.NAME}-title", classes="dialog-title", markup=False)
            yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        """The dialog's own widgets, under the title."""
        yield from ()

    def error_line(self) -> Label:
        """The (empty) line where a refusal is explained."""
        return Label("", id=f"{self.NAME}-error", classes="dialog-error", markup=False)

    def show_error(self, message: str) -> None:
        """Explain in the dialog why its input is refused."""
        self.query_one(f"#{self.NAME}-error", Label).update(message)

    @staticmethod
    def button_row(*buttons: Button) -> Horizontal:
        """The dialog's buttons, right-aligned under its body."""
        return Horizontal(*buttons, id="dialog-buttons", classes="dialog-buttons")

    def dismiss_checked(self, build: Callable[[], T]) -> None:
        """Dismiss with what ``build`` reads from the dialog; if it raises :class:`Invalid`,
        stay open and say why."""
        try:
            result = build()
        except Invalid as exc:
            self.show_error(str(exc))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
