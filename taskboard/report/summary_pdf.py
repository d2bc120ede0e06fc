"""The summary as an A4 PDF, the same content as the HTML page, straight from the command line.

reportlab draws it.  Chinese is set in STSong-Light, one of the CID fonts
of the PDF standard's Asian font packs: the file refers to it by name and
every PDF viewer supplies it, so nothing needs installing on the machine
that writes the PDF (reportlab ships its metrics) nor embedding.  Long tables
go on over pages with their header row repeated; the footer says
``第 N 页 共 M 页``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .atomic import atomic_output
from .labels import label
from .summary import Figures, Summary, TaskLine
from .summary_rich import figure_cells, figure_headers, header_lines, task_cells, unit_name

FONT = "STSong-Light"
MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN  # the frame's width: every table fits it
CELL_PAD = 4  # points left and right inside a cell
RED = colors.HexColor("#b00020")
GRID = colors.HexColor("#999999")
HEAD_BG = colors.HexColor("#eeeeee")


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    # wordWrap="CJK": Chinese lines break between any two characters, as on paper.
    base = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", base, fontSize=18, leading=24, spaceAfter=6),
        "meta": ParagraphStyle("meta", base, spaceAfter=1),
        "risk": ParagraphStyle("risk", base, textColor=RED),
        "h2": ParagraphStyle("h2", base, fontSize=13, leading=18, spaceBefore=12, spaceAfter=4),
        "caption": ParagraphStyle("caption", base, fontSize=9, textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=12),
        "num": ParagraphStyle("num", base, fontSize=9, leading=12, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", base, fontSize=9, leading=12, alignment=1),
    }


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    # Paragraph reads a small markup language: data is escaped so "<b>" or "&" is shown, not obeyed.
    return Paragraph(escape(str(text), quote=False), style)


def _fit(texts: list[str], size: float = 9) -> float:
    """The widest of ``texts`` in the cell font, padding included (for columns that never wrap)."""
    return max(pdfmetrics.stringWidth(t, _font(), size) for t in texts) + 2 * CELL_PAD + 1


def _table(rows: list[list[Any]], widths: list[float], red: list[tuple[int, int]]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)  # the header row repeats on every page
    style = [
        ("FONT", (0, 0), (-1, -1), _font(), 9),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ]
    style += [("TEXTCOLOR", cell, cell, RED) for cell in red]
    table.setStyle(TableStyle(style))
    return table


def _flex(fixed: list[float], parts: dict[int, int], count: int) -> list[float]:
    """Column widths: the fixed ones as given, the rest share what is left of the page by ``parts``."""
    spare = WIDTH - sum(fixed)
    total = sum(parts.values())
    widths, it = [], iter(fixed)
    for i in range(count):
        widths.append(spare * parts[i] / total if i in parts else next(it))
    return widths


def _figures_table(
    summary: Summary, rows: list[Figures], first: str, lang: str, st: dict, *, units: bool
) -> Table:
    heads = figure_headers(summary, lang)
    body = [figure_cells(f) for f in rows]
    fixed = [_fit([h, *(r[i] for r in body)]) for i, h in enumerate(heads)]
    data: list[list[Any]] = [[_p(first, st["head"]), *(_p(h, st["head"]) for h in heads)]]
    red = []
    for r, (f, cells) in enumerate(zip(rows, body, strict=True), 1):
        name = unit_name(f.name, lang) if units else f.name
        data.append([_p(name, st["cell"]), *cells])
        if f.overdue:
            red.append((5, r))
    table = _table(data, _flex(fixed, {0: 1}, len(heads) + 1), red)
    table.setStyle(TableStyle([("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    return table


def _task_table(lines: list[TaskLine], lang: str, st: dict, *, overdue: bool) -> Flowable:
    if not lines:
        return _p(label("none", lang), st["meta"])
    heads = [label(k, lang) for k in ("number", "task", "lead", "deadline")]
    heads.append(label("days_overdue" if overdue else "days_left", lang))
    body = [task_cells(t, lang, overdue=overdue) for t in lines]
    fixed = [_fit([heads[i], *(r[i] for r in body)]) for i in (0, 3, 4)]
    data: list[list[Any]] = [[_p(h, st["head"]) for h in heads]]
    data += [[r[0], _p(r[1], st["cell"]), _p(r[2], st["cell"]), r[3], r[4]] for r in body]
    red = [(4, r) for r in range(1, len(data))] if overdue else []
    table = _table(data, _flex(fixed, {1: 3, 2: 2}, 5), red)
    table.setStyle(TableStyle([("ALIGN", (0, 1), (0, -1), "RIGHT"), ("ALIGN", (4, 1), (4, -1), "RIGHT")]))
    return table


def summary_flowables(summary: Summary, lang: str) -> list[Flowable]:
    """The whole summary, top to bottom, as in the HTML page."""
    st = _styles()
    # The other formats separate the figures with "·", which STSong-Light lacks in some viewers.
    sep = label("header_sep", lang)
    first, counts, risks = (line.replace(" · ", sep) for line in header_lines(summary, lang))
    return [
        _p(label("title", lang), st["title"]),
        _p(first, st["meta"]),
        _p(counts, st["meta"]),
        _p(risks, st["risk"] if summary.totals.overdue else st["meta"]),
        _p(label("units_title", lang), st["h2"]),
        _p(label("units_caption", lang), st["caption"]),
        Spacer(0, 3),
        _figures_table(summary, summary.units, label("lead", lang), lang, st, units=True),
        _p(label("overdue_title", lang, n=len(summary.overdue)), st["h2"]),
        _task_table(summary.overdue, lang, st, overdue=True),
        _p(label("soon_title", lang, days=summary.soon_days, n=len(summary.due_soon)), st["h2"]),
        _task_table(summary.due_soon, lang, st, overdue=False),
        _p(label("sources_title", lang), st["h2"]),
        _figures_table(summary, summary.sources, label("source", lang), lang, st, units=False),
    ]


def _footer(lang: str):
    def page_of(number: int, total: int) -> str:
        return label("page_of", lang, number=number, total=total)

    class _Numbered(Canvas):
        """Holds each page back until the last, so the footer can say how many there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                self.setFont(_font(), 9)
                self.drawCentredString(A4[0] / 2, MARGIN / 2, page_of(self._pageNumber, total))
                super().showPage()
            super().save()

    return _Numbered


def write_summary_pdf(summary: Summary, lang: str, path: str | Path) -> int:
    """Write the summary as an A4 portrait PDF to ``path`` (whole or not at all); return its page count."""
    pages: list[int] = []
    with atomic_output(path) as f:
        doc = SimpleDocTemplate(
            f,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=f"{label('title', lang)} {summary.as_of.isoformat()}",
            author="taskboard",
            invariant=True,  # no creation time inside: the same board gives the same bytes
        )
        doc.build(summary_flowables(summary, lang), canvasmaker=_footer(lang))
        pages.append(doc.page)
    return pages[0]
