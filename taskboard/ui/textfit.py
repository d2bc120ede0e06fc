"""Fitting text into terminal cells: Chinese characters take two cells, not one."""

from __future__ import annotations

from rich.cells import cell_len, chop_cells, set_cell_size

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, ending in ``…`` when it was cut.

    Never splits a wide character: a two-cell character that would straddle
    the edge is dropped, so the result may be one cell short of ``width``.
    """
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return chop_cells(text, width - 1)[0] + ELLIPSIS  # the ellipsis takes one cell


def pad(text: str, width: int) -> str:
    """``text`` fitted to ``width`` cells and padded with spaces to exactly ``width``."""
    return set_cell_size(fit(text, width), width)


def one_line(text: str) -> str:
    """Collapse newlines and runs of whitespace so a field fits on one card line."""
    return " ".join(text.split())
