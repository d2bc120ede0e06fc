"""Pick one of a few named choices (a retire reason, a report kind)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .dialog import Dialog


class ChoiceScreen(Dialog[str]):
    """A list of ``(label, value)``; enter dismisses with the value, escape with None."""

    NAME = "choice"

    DEFAULT_CSS = """
    ChoiceScreen > #dialog { width: 60; }
    ChoiceScreen OptionList { height: auto; max-height: 16; }
    """

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(title)
        self._choices = choices

    def compose_body(self) -> ComposeResult:
        """The choices."""
        # Labels are plain Text: a unit or file name never turns into markup.
        yield OptionList(*(Option(Text(label), id=value) for label, value in self._choices))

    def on_mount(self) -> None:
        """Start on the first choice."""
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) picks the choice."""
        event.stop()
        self.dismiss(event.option.id)
