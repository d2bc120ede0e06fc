"""Pick one of a few named choices (a retire reason, a report kind)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class ChoiceScreen(ModalScreen[str | None]):
    """A list of ``(label, value)``; enter dismisses with the value, escape with None."""

    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > #dialog {
        width: 60;
        max-width: 90%;
        height: auto;
        border: round $border;
        background: $surface;
        padding: 0 1;
    }
    ChoiceScreen #choice-title { text-style: bold; color: $text-primary; margin-bottom: 1; }
    ChoiceScreen OptionList { height: auto; max-height: 16; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self._title = title
        self._choices = choices

    def compose(self) -> ComposeResult:
        """The question and its choices."""
        with Vertical(id="dialog"):
            yield Label(self._title, id="choice-title", markup=False)
            # Labels are plain Text: a unit or file name never turns into markup.
            yield OptionList(*(Option(Text(label), id=value) for label, value in self._choices))

    def on_mount(self) -> None:
        """Start on the first choice."""
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) picks the choice."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)
