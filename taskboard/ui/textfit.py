"""Fitting text into terminal cells: Chinese characters take two cells, not one."""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells, set_cell_size
from rich.segment import Segment
from rich.style import Style

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


def marked(text: str, terms: tuple[str, ...], style: Style, match: Style) -> list[Segment]:
    """``text`` as segments, the places matching any of ``terms`` (any case) in ``match`` style."""
    spans = sorted(
        (m.start(), m.end())
        for term in terms
        if term
        for m in re.finditer(re.escape(term), text, re.IGNORECASE)
    )
    segments, pos = [], 0
    for start, end in spans:
        start = max(start, pos)  # overlapping matches: mark each character once
        if start >= end:
            continue
        if start > pos:
            segments.append(Segment(text[pos:start], style))
        segments.append(Segment(text[start:end], match))
        pos = end
    if pos < len(text) or not segments:
        segments.append(Segment(text[pos:], style))
    return segments
