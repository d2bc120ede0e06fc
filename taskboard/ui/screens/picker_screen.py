"""Pick several values (lead units, source documents) with their task counts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..i18n import tr
from .dialog import Dialog

# The picker's keys while typing, handled by the input itself (see _NarrowInput).
INPUT_KEYS = {
    "space": "toggle",  # unit and file names have no spaces
    "tab": "toggle",
    "up": "cursor(-1)",
    "down": "cursor(1)",
    "pageup": "cursor(-10)",
    "pagedown": "cursor(10)",
    "enter": "apply",
    "escape": "cancel",
}


class _NarrowInput(Input):
    """The picker's text box; space marks a row instead of typing.

    Keys are handled in the order typed, however fast: the list narrows as each
    character lands (not when the ``Changed`` message arrives), and the picker's
    keys and backspace are acted on here, in the input's own queue.  Through
    Textual's bindings they would first bubble up to the app while the
    characters typed after them were already inserted: ``区数`` space enter,
    sent in one burst, marked and applied a row of the unnarrowed list.
    """

    def __init__(self, narrow: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._narrow = narrow

    def watch_value(self, value: str) -> None:
        """Narrow the list at once."""
        self._narrow(value)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Leave space to the picker."""
        return key != "space" and super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "backspace":
            action = "delete_left"
            target: Any = self
        elif event.key in INPUT_KEYS:
            action, target = INPUT_KEYS[event.key], self.screen
        else:
            return  # Input's own handler types it
        event.stop()
        event.prevent_default()
        await target.run_action(action)


class PickerScreen(Dialog[frozenset[str]]):
    """A narrowing multi-select list.

    Typing narrows the list; ↑/↓ move; tab or space marks several; enter
    applies the marked values (or, when none is marked and something was
    typed, the highlighted one; nothing marked and nothing typed clears the
    filter); escape cancels.  Clicking a row marks it.
    """

    NAME = "picker"

    DEFAULT_CSS = """
    PickerScreen > #dialog { width: 64; max-width: 95%; height: 80%; }
    PickerScreen #picker-title { margin-bottom: 0; }
    PickerScreen #picker-list { height: 1fr; border: none; background: $surface; }
    PickerScreen #picker-marked { color: $text-warning; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "cursor(-10)", show=False),
        Binding("pagedown", "cursor(10)", show=False),
        # While the input has focus it handles these keys itself (INPUT_KEYS).
        Binding("tab,space", "toggle", show=False),
        # week: the unit picker's role toggle (lead → co-unit → either).
        Binding("ctrl+r", "cycle_role", show=False),
    ]

    def __init__(
        self,
        title: str,
        items: list[tuple[str, int]],
        selected: frozenset[str],
        *,
        lang: str,
        roles: Callable[[str], list[tuple[str, int]]] | None = None,
        role: str = "lead",
        labels: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(title)
        # A unit picker can count units as lead, co-unit or either; ``role`` is read on dismiss.
        self._roles = roles
        self.role = role
        # What a value is shown as (a document's title for its file name); typing matches both.
        self._labels: Mapping[str, str] = labels or {}
        self._items = items
        self._marked: set[str] = set(selected)
        self._lang = lang
        self._shown: list[tuple[str, int]] = list(items)
        self._name_width = max((cell_len(self._label(name)) for name, _ in items), default=0)

    def _label(self, value: str) -> str:
        return self._labels.get(value, value)

    def compose_body(self) -> ComposeResult:
        """Filter input, the list, a count of marks and the key hint."""
        yield _NarrowInput(self._narrow, placeholder=tr(self._lang, "picker_placeholder"), id="picker-input")
        yield OptionList(id="picker-list")
        yield Label("", id="picker-marked", markup=False)
        if self._roles is not None:
            yield Label(self._role_text(), id="picker-role", markup=False)
        yield Label(tr(self._lang, "picker_hint"), id="picker-hint", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        """Fill the list, focus the input."""
        self._fill()
        self.query_one(Input).focus()

    @property
    def marked(self) -> frozenset[str]:
        """The values marked so far."""
        return frozenset(self._marked)

    def _prompt(self, name: str, count: int) -> Text:
        mark = "☑" if name in self._marked else "☐"
        label = self._label(name)
        text = Text(f"{mark} {label}")
        text.append(" " * max(self._name_width - cell_len(label) + 2, 2))
        key = "picker_count_one" if count == 1 else "picker_count"
        text.append(tr(self._lang, key, n=count), style="dim")
        return text

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        if self._shown:
            options.add_options(Option(self._prompt(n, c), id=n) for n, c in self._shown)
            options.highlighted = 0
        else:
            options.add_option(Option(tr(self._lang, "picker_none"), disabled=True))
        self._update_marked()

    def _update_marked(self) -> None:
        text = tr(self._lang, "picker_marked", n=len(self._marked), total=len(self._items))
        self.query_one("#picker-marked", Label).update(text)

    def _narrow(self, value: str) -> None:
        """Narrow the list to values containing the typed text."""
        needle = value.strip().casefold()
        shown = [(n, c) for n, c in self._items if needle in f"{n}\n{self._label(n)}".casefold()]
        if shown != self._shown and self.is_mounted:
            self._shown = shown
            self._fill()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Already narrowed (see _NarrowInput)."""
        event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the input (see action_apply)."""
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        """Apply (see the class docstring)."""
        if self._marked:
            self.dismiss(frozenset(self._marked))
            return
        highlighted = self._highlighted()
        if self.query_one(Input).value.strip() and highlighted is not None:
            self.dismiss(frozenset({highlighted}))
        else:
            self.dismiss(frozenset())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click (or enter in the list) marks the row."""
        event.stop()
        self._toggle(event.option_index)

    def _highlighted(self) -> str | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self._shown:
            return None
        return self._shown[index][0]

    def _toggle(self, index: int | None) -> None:
        if index is None or not self._shown:
            return
        name, count = self._shown[index]
        self._marked.symmetric_difference_update({name})
        self.query_one(OptionList).replace_option_prompt_at_index(index, self._prompt(name, count))
        self._update_marked()

    def action_toggle(self) -> None:
        """Mark or unmark the highlighted row, then step down (as fzf does)."""
        options = self.query_one(OptionList)
        self._toggle(options.highlighted)
        if options.highlighted is not None and options.highlighted + 1 < len(self._shown):
            options.highlighted += 1

    def action_cursor(self, step: int) -> None:
        """Move the highlight without leaving the input."""
        options = self.query_one(OptionList)
        if not self._shown:
            return
        current = options.highlighted or 0
        options.highlighted = min(max(current + step, 0), len(self._shown) - 1)

    def _role_text(self) -> str:
        return tr(self._lang, "picker_role", role=tr(self._lang, f"role_{self.role}"))

    def action_cycle_role(self) -> None:
        """Count and match units as lead → co-unit → either (a unit's whole workload)."""
        if self._roles is None:
            return
        order = ("lead", "co", "any")
        self.role = order[(order.index(self.role) + 1) % len(order)] if self.role in order else "lead"
        self._items = self._roles(self.role)
        self._name_width = max((cell_len(name) for name, _ in self._items), default=0)
        self._shown = []  # refilled by _narrow
        self._narrow(self.query_one(Input).value)
        if not self._shown:
            self._fill()
        self.query_one("#picker-role", Label).update(self._role_text())
