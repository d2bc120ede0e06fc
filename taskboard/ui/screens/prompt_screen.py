"""A one-line question in a dialog: a note, a date."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Input, Label

from .dialog import Dialog, Invalid

Validator = Callable[[str], str | None]  # returns an error message, or None when fine


class PromptScreen(Dialog[str]):
    """Ask for one line of text; dismiss with it on enter, with None on escape.

    ``validate`` keeps the dialog open with its message while the text is
    unacceptable.
    """

    NAME = "prompt"

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        hint: str = "",
        placeholder: str = "",
        validate: Validator | None = None,
    ) -> None:
        super().__init__(title)
        self._value = value
        self._hint = hint
        self._placeholder = placeholder
        self._validate = validate

    def compose_body(self) -> ComposeResult:
        """Input, error line, hint."""
        yield Input(self._value, placeholder=self._placeholder, id="prompt-input")
        yield self.error_line()
        yield Label(self._hint, id="prompt-hint", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        """Start typing at once."""
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Clear a stale error."""
        event.stop()
        self.show_error("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Accept the text unless the validator objects."""
        event.stop()
        self.dismiss_checked(lambda: self._checked(event.value))

    def _checked(self, text: str) -> str:
        error = self._validate(text) if self._validate else None
        if error:
            raise Invalid(error)
        return text
