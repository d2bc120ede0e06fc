"""A column's scrollbar: Textual's, drawn without the console.

Textual draws a scrollbar as a Rich renderable through the console and the
styles cache, 60 µs a line: after a filter, the three columns' bars (their
thumbs all change) cost 10 ms of a 200x60 frame.  A vertical bar is one
segment a line, and only four or five different ones (track above, thumb,
its two partial ends, track below), so :class:`ColumnScrollBar` draws each
distinct segment once, as Textual would, and repeats it.  Anything else (a
horizontal bar, a wider one) is left to Textual.
"""

from __future__ import annotations

from math import ceil

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip


class ColumnScrollBar(ScrollBar):
    """Textual's :class:`ScrollBar` with a quicker :meth:`render_lines` for a one-cell vertical bar."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """The bar's lines in ``crop``: what Textual draws, a strip per distinct segment."""
        bar = self.render()
        width, height = self.size
        # The colours ScrollBar.render chose (normal, hover or grabbed), as a Style.
        style = getattr(bar, "style", None)
        simple = self.vertical and width == 1 and isinstance(bar, ScrollBarRender)
        if not (simple and isinstance(style, Style)):
            return super().render_lines(crop)
        lines = ScrollBarRender.render_bar(
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor,
            bar_color=style.color,
        ).segments
        # What Textual's pipeline does to each line: the widget's style under the
        # segment's own, then the app's line filters.
        base = self.visual_style.rich_style
        background = self.background_colors[1]
        filters = self.get_line_filters()
        drawn: dict[Segment, Strip] = {}
        strips = []
        for y in crop.line_range:
            segment = lines[y] if y < len(lines) else Segment(" ")
            strip = drawn.get(segment)
            if strip is None:
                strip = Strip([Segment(segment.text, base + segment.style)], width)
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                drawn[segment] = strip
            strips.append(strip)
        return strips


def thumb_span(virtual: float, window: float, position: float, size: int) -> tuple[int, int] | None:
    """Where a vertical scrollbar's thumb starts and ends, in eighths of a cell (None: no thumb).

    The same arithmetic as Textual's ``ScrollBarRender.render_bar``, so two
    equal spans draw the same bar.
    """
    virtual = ceil(virtual)
    window = ceil(window) if window < virtual else 0
    if not (window and size and virtual and size != virtual):
        return None
    thumb = max(1, window / (virtual / size))
    start = int((size - thumb) * (position / (virtual - window)) * 8)
    return start, start + ceil(thumb * 8)
