"""How a worksheet prints: paper, fit to width, repeated header, page numbers, and row heights.

LibreOffice and WPS do not re-fit row heights when they open a file (Excel
does only for rows it is told nothing about), so a wrapped cell without an
explicit height prints as one cut-off line.  Every row therefore gets the
height of its longest wrapped cell, measured in display cells (a Chinese
character is two, :func:`rich.cells.cell_len`) against the column width.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

# Excel's column width counts the default font's digits; a Chinese character
# at the same size is about 2.1 of them.  A line therefore holds a little
# under ``width`` cells; the margin also covers a word that wraps early.
FILL = 0.88
CELL_PADDING = 1  # cells lost to the cell's inner margins
LINE_PT = 15.0  # one line of 11 pt text with a CJK fallback font (LibreOffice draws ~14.5 pt)
ROW_PAD_PT = 2.0
MAX_ROW_PT = 409.0  # Excel's (and the file format's) limit for one row
BASE_SIZE = 11  # the workbook's font size
FONT_SIZES = (11, 10, 9, 8)  # tried in turn for a row too long for MAX_ROW_PT

FOOTER = "第 &P 页 共 &N 页"  # &P page number, &N number of pages


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper size: openpyxl's code and the landscape printable width in column-width units (at 100%)."""

    code: int
    landscape_units: int


# A column of width w takes about 5.25w + 4 pt in Excel: these widths are a little wider than the
# paper less its 12.7 mm side margins, so fit-to-width prints at about 93%: 任务内容 gets more
# characters a line (fewer pages), the type stays readable.
PAPERS = {"A4": Paper(9, 150), "A3": Paper(8, 220)}


def line_count(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide (1 for a blank)."""
    capacity = max(2, math.floor(width * FILL) - CELL_PADDING)
    return sum(max(1, math.ceil(cell_len(part) / capacity)) for part in text.split("\n")) if text else 1


def row_height(values: Sequence[object], widths: Sequence[float], wrapped: Collection[int]) -> float:
    """The height in points that shows every wrapped cell of a row whole (capped at Excel's maximum)."""
    return fit_row(values, widths, wrapped, sizes=(BASE_SIZE,))[0]


def fit_row(
    values: Sequence[object],
    widths: Sequence[float],
    wrapped: Collection[int],
    sizes: Sequence[int] = FONT_SIZES,
) -> tuple[float, int]:
    """The row's height and the largest font size in ``sizes`` at which its wrapped cells show whole.

    A measure too long for Excel's 409 pt row at 11 pt is set smaller
    rather than cut off on paper; past the smallest size it is capped.
    """
    texts = [(str(v), widths[i]) for i, v in enumerate(values) if i in wrapped and v is not None]
    for size in sizes:
        scale = size / BASE_SIZE  # a smaller font fits more characters in the same width
        lines = max((line_count(text, width / scale) for text, width in texts), default=1)
        height = lines * LINE_PT * scale + ROW_PAD_PT
        if height <= MAX_ROW_PT:
            return height, size
    return MAX_ROW_PT, sizes[-1]


def header_text(text: str) -> str:
    """``text`` safe inside an Excel header/footer (``&`` starts a code there; 255 characters at most)."""
    return text.replace("&", "&&")[:200]


def set_up_printing(
    ws: Worksheet,
    *,
    paper: str,
    landscape: bool,
    title_rows: str,
    last_column: str,
    last_row: int,
    page_title: str,
) -> None:
    """Paper and orientation, fit to one page wide, ``title_rows`` on every page, page N of M below.

    The print area stops at ``last_column`` so hidden bookkeeping columns
    after it never reach paper.
    """
    setup = ws.page_setup
    setup.paperSize = PAPERS[paper].code
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages tall as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.7, bottom=0.7, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = title_rows
    ws.print_area = f"A1:{last_column}{last_row}"
    ws.oddHeader.center.text = header_text(page_title)
    ws.oddHeader.center.size = 9
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.size = 9
