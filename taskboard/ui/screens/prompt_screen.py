"""A one-line question in a dialog: a note, a search, a date."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

Validator = Callable[[str], str | None]  # returns an error message, or None when fine


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; dismiss with it on enter, with None on escape.

    ``validate`` keeps the dialog open with its message while the text is
    unacceptable; ``on_change`` sees every edit (live search).
    """

    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > #dialog {
        width: 72;
        max-width: 90%;
        height: auto;
        border: round $border;
        background: $surface;
        padding: 0 1;
    }
    PromptScreen #prompt-title { text-style: bold; color: $text-primary; margin-bottom: 1; }
    PromptScreen #prompt-error { color: $text-error; height: auto; }
    PromptScreen #prompt-hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        hint: str = "",
        placeholder: str = "",
        validate: Validator | None = None,
        on_change: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._hint = hint
        self._placeholder = placeholder
        self._validate = validate
        self._on_change = on_change

    def compose(self) -> ComposeResult:
        """Title, input, error line, hint."""
        with Vertical(id="dialog"):
            yield Label(self._title, id="prompt-title", markup=False)
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")
            yield Label("", id="prompt-error", markup=False)
            yield Label(self._hint, id="prompt-hint", markup=False)

    def on_mount(self) -> None:
        """Start typing at once."""
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Pass each edit on (live search) and clear a stale error."""
        event.stop()
        self.query_one("#prompt-error", Label).update("")
        if self._on_change is not None:
            self._on_change(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Accept the text unless the validator objects."""
        event.stop()
        error = self._validate(event.value) if self._validate else None
        if error:
            self.query_one("#prompt-error", Label).update(error)
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
