"""A plain fixed-column table for long task lists.

rich's Table measures and wraps every cell through its whole renderable
machinery; on a 10,000-task board the overdue list alone has thousands of
rows and took over a second.  This renderable computes the column widths
once (by display cells, so Chinese counts double), folds the wrapping
columns with rich's ``chop_cells`` and yields segments directly.  It looks like the
``box.SIMPLE_HEAD`` tables around it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

GAP = "   "  # between columns, as in the rich tables of the summary
MIN_FLEX = 6  # a wrapping column never gets narrower than this


@dataclass(frozen=True, slots=True)
class Column:
    """One column: header, right-aligned or not, whether it may wrap (and how much it wants)."""

    header: str
    right: bool = False
    ratio: int = 0  # 0: never wraps, always its natural width; >0: wraps, shares the spare width
    style: str = ""


class FastTable:
    """A title, a bold header, a rule and rows of plain strings."""

    def __init__(self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
        self.title = title
        self.columns = list(columns)
        self.rows = rows
        self.natural = [
            max([cell_len(c.header), *(cell_len(r[i]) for r in rows)]) for i, c in enumerate(self.columns)
        ]

    def widths(self, max_width: int) -> list[int]:
        """Column widths for ``max_width`` cells: fixed columns natural, wrapping ones share the rest."""
        widths = list(self.natural)
        room = max_width - 1 - len(GAP) * (len(widths) - 1)
        flex = [i for i, c in enumerate(self.columns) if c.ratio]
        spare = room - sum(w for i, w in enumerate(widths) if i not in flex)
        if sum(widths[i] for i in flex) <= spare:
            return widths
        # Hand out the spare cells by ratio; a column that needs less gives the rest back.
        todo = sorted(flex, key=lambda i: self.natural[i] / self.columns[i].ratio)
        while todo:
            share = spare * self.columns[todo[0]].ratio // sum(self.columns[i].ratio for i in todo)
            i = todo.pop(0)
            widths[i] = max(MIN_FLEX, min(self.natural[i], share))
            spare -= widths[i]
        return widths

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        full = 1 + sum(self.natural) + len(GAP) * (len(self.natural) - 1)
        return Measurement(min(full, options.max_width), min(full, options.max_width))

    def _line(
        self, cells: list[list[str]], widths: list[int], styles: list[Style], n: int
    ) -> Iterator[Segment]:
        yield Segment(" ")
        for i, (lines, w) in enumerate(zip(cells, widths, strict=True)):
            text = lines[n] if n < len(lines) else ""
            pad = " " * (w - cell_len(text))
            if i:
                yield Segment(GAP)
            if self.columns[i].right:
                yield Segment(pad)
                yield Segment(text, styles[i])
            else:
                yield Segment(text, styles[i])
                yield Segment(pad)
        yield Segment.line()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        widths = self.widths(options.max_width)
        bold = Style(bold=True)
        yield Segment(self.title, bold)
        yield Segment.line()
        yield Segment.line()
        heads = [chop_cells(c.header, w) for c, w in zip(self.columns, widths, strict=True)]
        for n in range(max(len(h) for h in heads)):
            yield from self._line(heads, widths, [bold] * len(widths), n)
        yield Segment(" " + "─" * (sum(widths) + len(GAP) * (len(widths) - 1)))
        yield Segment.line()
        styles = [Style.parse(c.style) if c.style else Style() for c in self.columns]
        for row in self.rows:
            cells = [
                chop_cells(v, w) if c.ratio else [v]
                for v, w, c in zip(row, widths, self.columns, strict=True)
            ]
            for n in range(max(len(c) for c in cells)):
                yield from self._line(cells, widths, styles, n)
        yield Segment.line()
