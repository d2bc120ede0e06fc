"""What a person's terminal shows: the board's frames played into a VT emulator.

Reading the compositor (``render_strips``) redraws every widget from its
current state, so it cannot see a line the board forgot to repaint.  A
:class:`Terminal` keeps only what the app actually sent: each frame's
escape sequences, as the real driver would write them, fed to pyte.
"""

from __future__ import annotations

import pyte
from textual._compositor import CompositorUpdate
from textual.app import App
from textual.geometry import Region


class Terminal:
    """A terminal of ``size`` cells attached to ``app`` before it runs."""

    def __init__(self, app: App, size: tuple[int, int]) -> None:
        self.screen = pyte.Screen(*size)
        self._stream = pyte.Stream(self.screen)
        self.frames = 0
        self.first_frame: list[str] = []  # the screen's lines as the first frame left them
        original = app._display

        def display(screen, renderable) -> None:
            if isinstance(renderable, CompositorUpdate):
                self._stream.feed(renderable.render_segments(app.console))
                self.frames += 1
                if self.frames == 1:
                    self.first_frame = list(self.screen.display)
            original(screen, renderable)

        app._display = display  # type: ignore[method-assign]

    def line(self, y: int, x1: int = 0, x2: int | None = None) -> str:
        """The text shown on line ``y`` from cell ``x1`` to ``x2`` (a wide character is one string)."""
        row = self.screen.buffer[y]
        return "".join(row[x].data for x in range(x1, self.screen.columns if x2 is None else x2))

    def lines(self, region: Region) -> list[str]:
        """The text shown in ``region``, line by line."""
        return [self.line(y, region.x, region.right) for y in region.line_range]
