"""The ``?`` screen: every key with what it does, built from the same specs as the footer."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..i18n import tr
from ..keys import APP_KEYS, BOARD_KEYS, DETAIL_KEYS, KeySpec, key_text


def help_table(lang: str, sections: tuple[tuple[str, tuple[KeySpec, ...]], ...]) -> Table:
    """One row per key under each section's title."""
    table = Table(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
    table.add_column(tr(lang, "help_col_key"), no_wrap=True, min_width=10)
    # "fold": a Chinese sentence has no spaces to wrap at, and would otherwise end in "…".
    table.add_column(tr(lang, "help_col_action"), ratio=1, overflow="fold")
    for title, specs in sections:
        table.add_row(Text(tr(lang, title), style="bold underline"), "")
        for spec in specs:
            table.add_row(Text(key_text(spec), style="bold"), tr(lang, f"help_{spec.name}"))
        table.add_row("", "")
    return table


# The board's keys on the left; the detail's and the global ones on the right.
LEFT = (("help_section_board", BOARD_KEYS),)
RIGHT = (("help_section_detail", DETAIL_KEYS), ("help_section_app", APP_KEYS))


class HelpScreen(ModalScreen[None]):
    """Every key the board understands, in the board's language."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help {
        width: 116;
        max-width: 95%;
        height: 90%;
        border: round $border;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; color: $text-primary; }
    HelpScreen #help-footer { color: $text-muted; }
    HelpScreen #help-tables { height: auto; }
    HelpScreen #help-tables > Static { width: 1fr; margin-right: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", show=False)]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        """Title, the table, how to close."""
        with VerticalScroll(id="help"):
            yield Label(tr(self.lang, "help_title"), id="help-title")
            with Horizontal(id="help-tables"):
                yield Static(help_table(self.lang, LEFT), id="help-board")
                yield Static(help_table(self.lang, RIGHT), id="help-other")
            yield Label(tr(self.lang, "help_footer"), id="help-footer", markup=False)

    def action_close(self) -> None:
        """Back to where ``?`` was pressed."""
        self.dismiss(None)
