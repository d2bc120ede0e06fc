"""Frame a Line-API widget's lines as Textual's styles cache does, and keep them.

Textual's styles cache frames every line it is asked for anew: border either
side, padding to the content width, the app's line filters; 0.1 ms a line.  A
card column's lines shift on every move (a card leaving moves each one below
it), so a move paid that for a whole column.  :class:`FramedLines` frames a
line once for each look of the frame and keeps it under the caller's key for
what the line shows; a shifted line is then a lookup, and the compositor reuses
what it cut from the same strip last time.

Only a plain border around unpadded lines is framed here (:meth:`FramedLines.look`
says None otherwise); tests/ui/test_board_paint.py compares the result with
Textual's own drawing in every theme.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.segment import Segment
from rich.style import Style
from textual._border import get_box
from textual.strip import Strip
from textual.style import Style as TextualStyle
from textual.widget import Widget


class FramedLines:
    """Lines of one widget with its border drawn in, kept by content key and frame."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._strips: dict[tuple[int, Hashable], Strip] = {}
        self._looks: dict[Hashable, int] = {}  # each look of the frame seen, numbered for the keys
        self._look = 0
        self._frame: tuple[Segment, Segment, tuple, object, Style, int, int] | None = None
        # The border, filters and colours read from the styles, until restyled(); False:
        # a style this framing does not draw.
        self._styled: tuple[Segment, Segment, tuple, object, Style] | bool | None = None

    def restyled(self) -> None:
        """The widget's styles changed (a theme, the border of the active column): read them again."""
        self._styled = None

    def look(self, widget: Widget) -> bool:
        """Read how ``widget`` frames its lines now; False when it has more than a plain border.

        The styles are read again only after :meth:`restyled` (a move must not look
        up the same fifteen rules for every column), the widths every time.
        """
        if self._styled is None:
            self._styled = _styled(widget) or False
        if self._styled is False:
            return False
        assert isinstance(self._styled, tuple)
        frame = (*self._styled, widget.outer_size.width, widget.content_region.width)
        self._frame = frame
        self._look = self._looks.setdefault(frame, len(self._looks))
        return True

    def framed(self, key: Hashable, content: Strip) -> Strip:
        """``content`` (shown under ``key``) in the frame of the last :meth:`look`."""
        assert self._frame is not None, "look() first"
        strip = self._strips.get((self._look, key))
        if strip is None:
            left, right, filters, background, inner, width, content_width = self._frame
            # Padded to the content width (the scrollbar covers the end), the border
            # either side, then the filters.
            content = content.adjust_cell_length(content_width, inner)
            strip = Strip([left, *content, right], width)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            if len(self._strips) > self._limit:
                self._strips.clear()
            self._strips[self._look, key] = strip
        return strip

    def clear(self) -> None:
        """Forget every framed line (the content they show changed)."""
        self._strips.clear()
        self._looks.clear()
        self._frame = None
        self._styled = None


def _styled(widget: Widget) -> tuple[Segment, Segment, tuple, object, Style] | None:
    """The border segments either side of a line, the line filters, the background they
    are given and the style of padding cells; None for more than a plain border."""
    styles = widget.styles
    (top, _), (right, right_colour), (bottom, _), (left, left_colour) = styles.border
    if (
        not (top and right and bottom and left)
        or styles.padding != (0, 0, 0, 0)
        or styles.tint.a
        or widget.opacity != 1.0
        or styles.text_opacity != 1.0
        or (styles.has_rule("hatch") and styles.hatch != "none")
        or any(edge for edge, _ in styles.outline)
    ):
        return None
    # As StylesCache.render_line draws a line with a border on both sides.
    base_background, background = widget.background_colors
    inner = TextualStyle(background=base_background + background)
    outer = TextualStyle(background=base_background)
    left_box = get_box(left, inner, outer, TextualStyle(foreground=base_background + left_colour))
    right_box = get_box(right, inner, outer, TextualStyle(foreground=base_background + right_colour))
    return left_box[1][0], right_box[1][2], tuple(widget.get_line_filters()), background, inner.rich_style
