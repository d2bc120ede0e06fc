"""Word (.docx) files → clean lines: paragraphs and tables in document order.

Word's automatic list numbering is not part of a paragraph's text, so it is
rebuilt from the numbering definitions (``1.``, ``（一）``, ``①``…); without it
the measures of most real documents would have no numbers at all.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from taskboard.numerals import CIRCLED_CHARS, int_to_cn

from .clean import normalise
from .errors import IngestError
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


def _num_pr_of(ppr: Any) -> tuple[str, int] | None:
    """(numId, level) of a w:pPr element's list numbering, or None."""
    num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
    if num_pr is None:
        return None
    num_id, ilvl = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{_W}val", ""), int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0


class _Numbering:
    """Counters for Word list numbering (numbering.xml), enough to print list markers."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self._style_numbering(document)
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

    def _style_numbering(self, document: Any) -> None:
        """numPr of each paragraph style, read once: python-docx's ``paragraph.style``
        scans every style per call, which made 5,000 paragraphs take 15 s."""
        self.style_num: dict[str, tuple[str, int]] = {}
        self.default_style = ""
        try:
            styles = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        for style in styles.findall(f"{_W}style"):
            style_id = style.get(f"{_W}styleId", "")
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                self.default_style = style_id
            found = _num_pr_of(style.find(f"{_W}pPr"))
            if found is not None:
                self.style_num[style_id] = found

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        found = _num_pr_of(paragraph._p.pPr)
        if found is not None:
            return found
        return self.style_num.get(paragraph._p.style or self.default_style)

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


# Limits that keep a hostile or broken file from tying up the importer: the sizes the zip
# declares are checked before anything is unpacked.
MAX_UNPACKED = 100 * 1024 * 1024  # all parts, images included
MAX_XML = 40 * 1024 * 1024  # the XML parts python-docx parses (document, styles, numbering…)
MAX_BLOCKS = 50_000  # paragraphs plus table rows


def check_archive(data: bytes, source: str) -> None:
    """Refuse a file that is not a zip, has no document part, or unpacks too large."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as err:
        raise IngestError.of(source, "docx_damaged") from err
    if not any(m.filename == "word/document.xml" for m in members):
        raise IngestError.of(source, "not_word")
    total = sum(m.file_size for m in members)
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if total > MAX_UNPACKED or xml > MAX_XML:
        megabytes = max(total, xml) / (1024 * 1024)
        raise IngestError.of(
            source,
            "too_big",
            megabytes=f"{megabytes:,.0f}",
            limit=MAX_UNPACKED // (1024 * 1024),
            text_limit=MAX_XML // (1024 * 1024),
        )


def docx_lines(data: bytes, source: str) -> list[str]:
    """Clean lines of a .docx file; IngestError when it cannot be read or is too large."""
    check_archive(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx fails in many ways on damaged files
        raise IngestError.of(source, "docx_damaged") from err
    numbering = _Numbering(document)
    lines: list[str] = []
    blocks = 0
    for element in document.element.body.iterchildren():
        blocks += 1 if element.tag != f"{_W}tbl" else len(element.findall(f"{_W}tr"))
        if blocks > MAX_BLOCKS:
            raise IngestError.of(source, "too_many_blocks", limit=f"{MAX_BLOCKS:,}")
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
        raise IngestError.of(source, "docx_empty")
    return lines
