"""Textual's footer, without rebuilding itself when nothing it shows has changed."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class BoardFooter(Footer):
    """The key footer.

    Textual's Footer recomposes (unmounts and mounts a widget per key) on every
    focus change.  On the board focus moves between columns all the time (left
    and right, and with every card moved) while the keys, which live on the
    screen, stay the same; the rebuild cost more than the move itself.  So this
    footer rebuilds only when the keys, their labels or their state differ.
    """

    _shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        """Rebuild only if the active keys changed."""
        shown = tuple(
            (key, b.binding.action, b.binding.description, b.binding.show, b.enabled)
            for key, b in screen.active_bindings.items()
        )
        if shown == self._shown:
            self._bindings_ready = True
            return
        self._shown = shown
        super().bindings_changed(screen)
