"""Textual's footer, fitted to the terminal's width and rebuilt only when what it shows changes."""

from __future__ import annotations

import dataclasses

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ..keys import spec_of

# The command palette's entry at the right end ("▏^p 命令 ") and the footer's left margin.
_PALETTE_CELLS = 9
_MARGIN = 1


def item_cells(binding: Binding, key_display: str) -> int:
    """Cells one key takes in the compact footer: ``key description`` and a gap."""
    return cell_len(key_display) + 1 + cell_len(binding.description) + 1


class BoardFooter(Footer):
    """The key footer.

    It shows the screen's keys in their order of importance (the order of
    ``keys.BOARD_KEYS``) as far as they fit, and the app's keys (``?`` help,
    ``q`` quit) always: on an 80-column terminal the last board keys give way,
    never ``?``.  The ``?`` screen lists every key.

    Textual's Footer recomposes (unmounts and mounts a widget per key) on every
    focus change.  On the board focus moves between columns all the time (left
    and right, and with every card moved) while the keys, which live on the
    screen, stay the same; the rebuild cost more than the move itself.  So this
    footer rebuilds only when the keys, their labels or their state differ.
    """

    _shown: tuple[object, ...] | None = None
    _fitted_width = -1

    def on_resize(self, event: events.Resize) -> None:
        """Choose the keys that fit the new width."""
        if event.size.width != self._fitted_width:
            self._fitted_width = event.size.width
            self.fit_keys(event.size.width)

    def fit_keys(self, width: int) -> None:
        """Show the screen's keys, most important first, in what ``width`` leaves after the app's keys."""
        screen, app = self.screen, self.app
        room = width - _MARGIN - _PALETTE_CELLS
        for bindings in app._bindings.key_to_bindings.values():
            room -= sum(item_cells(b, app.get_key_display(b)) for b in bindings[:1] if b.show)
        groups_seen: set[str] = set()
        decided: dict[str, bool] = {}  # by action: a key's other spellings (shift+←) follow it
        changed = False
        for key, bindings in screen._bindings.key_to_bindings.items():
            kept = []
            for binding in bindings:
                spec = spec_of(binding)
                if spec is None or not spec.show:
                    kept.append(binding)
                    continue
                show = decided.get(binding.action)
                if show is None:
                    display = app.get_key_display(binding)
                    if spec.group and spec.group in groups_seen:  # "[] 移动": a group's later keys
                        cells = cell_len(display)
                    else:
                        cells = item_cells(binding, display) + (1 if spec.group else 0)
                        if spec.group:
                            groups_seen.add(spec.group)
                    show = decided[binding.action] = cells <= room
                    # Nothing after a key that did not fit: the footer keeps its order.
                    room = room - cells if show else -1
                if show != binding.show:
                    binding = dataclasses.replace(binding, show=show)
                    changed = True
                kept.append(binding)
            screen._bindings.key_to_bindings[key] = kept
        if changed:
            screen.refresh_bindings()

    def compose(self) -> ComposeResult:
        """The keys, fitted to the terminal, from the first frame on.

        Textual's Footer composes nothing until the screen's keys are announced,
        then recomposes after a refresh: the board's first frames came without
        their keys, which arrived 100 ms later.
        """
        if not self._bindings_ready and self.is_attached:
            width = self.app.size.width
            self._fitted_width = width
            self.fit_keys(width)
            self._shown = _shown(self.screen)
            self.set_reactive(Footer._bindings_ready, True)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and self.compact:
                # Its class already, so the key's compact watcher at mount restyles nothing
                # (it restyled each of the ~20 keys before the first frame).
                widget.set_class(True, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        """Rebuild only if the active keys changed."""
        shown = _shown(screen)
        if shown == self._shown:
            self._bindings_ready = True
            return
        self._shown = shown
        super().bindings_changed(screen)


def _shown(screen: Screen) -> tuple[object, ...]:
    """What the footer shows of ``screen``'s keys: each key's action, label, visibility and state."""
    return tuple(
        (key, b.binding.action, b.binding.description, b.binding.show, b.enabled)
        for key, b in screen.active_bindings.items()
    )
