"""Word (.docx) files → clean lines: paragraphs and tables in document order.

Word's automatic list numbering is not part of a paragraph's text, so it is
rebuilt from the numbering definitions (``1.``, ``（一）``, ``①``…); without it
the measures of most real documents would have no numbers at all.
"""

from __future__ import annotations

import io
import re
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from .clean import normalise
from .errors import IngestError
from .numerals import CIRCLED_CHARS, int_to_cn
from .outline import starts_with_marker
from .tables import table_to_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting"}
_CIRCLED_FORMATS = {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"}
_LEVEL_REF = re.compile(r"%([1-9])")


def _format(value: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS:
        return int_to_cn(value)
    if fmt in _CIRCLED_FORMATS and 1 <= value <= len(CIRCLED_CHARS):
        return CIRCLED_CHARS[value - 1]
    return str(value)


class _Numbering:
    """Counters for Word list numbering (numbering.xml), enough to print list markers."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for definition in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in definition.findall(f"{_W}lvl"):
                fmt, text, start = lvl.find(f"{_W}numFmt"), lvl.find(f"{_W}lvlText"), lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[definition.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId", "")] = abstract.get(ref.get(f"{_W}val", ""), {})

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str, int] | None:
        for ppr in (
            paragraph._p.pPr,
            getattr(paragraph.style.element, "pPr", None) if paragraph.style else None,
        ):
            num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if num_pr is not None:
                num_id, ilvl = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
                if num_id is not None:
                    level = int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
                    return num_id.get(f"{_W}val", ""), level
        return None

    def marker(self, paragraph: Any) -> str:
        """The list marker Word would print before ``paragraph`` ("" when none)."""
        found = self._num_pr(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id) or {}
        if ilvl not in levels or levels[ilvl][0] in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def level_text(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            fmt, _, start = levels.get(level, ("decimal", "", 1))
            return _format(counters.get(level, start), fmt)

        return _LEVEL_REF.sub(level_text, levels[ilvl][1])


def _row_cells(row: Any) -> list[str]:
    return [cell.text for cell in row.cells]


def docx_lines(data: bytes, source: str) -> list[str]:
    """Clean lines of a .docx file; IngestError when it cannot be read."""
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx fails in many ways on damaged files
        raise IngestError(source, "cannot read this Word file (damaged, or not a real .docx)") from err
    numbering = _Numbering(document)
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            paragraph = Paragraph(element, document)
            text = normalise(paragraph.text).strip()
            if not text:
                continue
            marker = numbering.marker(paragraph)
            if marker and not starts_with_marker(text):
                text = marker + text
            lines.extend(part.strip() for part in text.split("\n") if part.strip())
        elif element.tag == f"{_W}tbl":
            table = Table(element, document)
            rows = [[normalise(cell) for cell in _row_cells(row)] for row in table.rows]
            lines.extend(line for line in table_to_lines(rows) if line.strip())
    if not lines:
        raise IngestError(source, "the Word file has no text")
    return lines
