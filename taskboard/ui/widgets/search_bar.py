"""The search line: ``/`` opens it above the footer, the board filters as you type.

Search was a dialog over a dimmed board: every character repainted the whole
board twice, once tinted under the dialog (140 ms a character at 10,000
tasks, 200x60).  A line of the board screen itself leaves the board as it
is, undimmed, and a character repaints only the cards that changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from ..i18n import tr


class SearchBar(Horizontal):
    """A one-line search input, hidden until :meth:`open`."""

    DEFAULT_CSS = """
    SearchBar {
        display: none;
        height: 1;
        background: $boost;
    }
    SearchBar.-open { display: block; }
    SearchBar > #search-label { padding: 0 1; color: $text-accent; text-style: bold; }
    SearchBar > Input, SearchBar > Input:focus {
        border: none;
        height: 1;
        padding: 0;
        width: 1fr;
        background: $boost;
    }
    SearchBar > #search-hint { padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    class Changed(Message):
        """The search text changed (search as you type)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Closed(Message):
        """The search line closed: with the text on enter, with None on escape."""

        def __init__(self, text: str | None) -> None:
            super().__init__()
            self.text = text

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self._input: Input | None = None

    def _field(self) -> Input:
        """The input, mounted with its label and hint the first time the line opens.

        Not composed with the board: an input with its styles is ~7 ms of every start,
        and most sessions never search.
        """
        if self._input is None:
            # Disabled while closed, so no focus change (a screen's auto focus) lands in it.
            placeholder = tr(self.lang, "search_placeholder")
            self._input = Input(placeholder=placeholder, id="search-input", disabled=True)
            self.mount(
                Label(tr(self.lang, "search_label"), id="search-label"),
                self._input,
                Label(tr(self.lang, "prompt_hint"), id="search-hint"),
            )
        return self._input

    @property
    def is_open(self) -> bool:
        """True while the search line shows."""
        return self.has_class("-open")

    def open(self, text: str) -> None:
        """Show the line with ``text`` in it, the keys going to it."""
        field = self._field()
        with field.prevent(Input.Changed):
            field.value = text
        field.cursor_position = len(text)
        field.disabled = False
        self.add_class("-open")
        # At once, not as Widget.focus does (later): keys typed right after ``/`` are the search's.
        self.screen.set_focus(field)

    def type(self, key: events.Key) -> None:
        """Type ``key`` into the line (a key the app routed elsewhere before the line opened)."""
        self._field().post_message(events.Key(key.key, key.character))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Pass each edit up."""
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter keeps the search."""
        event.stop()
        self._close(event.value)

    def action_cancel(self) -> None:
        """Escape puts the previous search back."""
        self._close(None)

    def _close(self, text: str | None) -> None:
        self._field().disabled = True
        self.remove_class("-open")
        self.screen.set_focus(None)
        self.post_message(self.Closed(text))
