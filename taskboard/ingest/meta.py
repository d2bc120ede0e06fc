"""Document-level facts: title, year, plan or report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .fields import FIELD_LABEL
from .outline import starts_with_marker

_DOC_TYPE = re.compile(
    r"方案|要点|意见|通知|报告|计划|措施|办法|规划|总结|细则|清单|决定|安排|汇报|情况|纲要|规定|分工|台账"
)
_NOT_TITLE_START = re.compile(r"^(为|根据|按照|现将|近年来|今年以来|\d{4}年以来|附件|各|[•·])")
_TITLE_MAX = 80
_HEADER_LINES = 40
_FRAGMENT_MAX = 40
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|—|－|-|～|~|至)")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:—|－|-|～|~|至|到)+\s*((?:19|20)\d{2})")
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})")
_DOC_NUMBER_YEAR = re.compile(r"[〔\[［(（]((?:19|20)\d{2})[〕\]］)）]")
_REPORT_TITLE = re.compile(r"报告|总结|汇报|工作情况|进展情况|完成情况")
_REPORT_PREAMBLE = re.compile(r"(报告|汇报|总结|通报)如下|落实情况进行了|进度通报|督查(情况|梳理)")


# 国办发〔2018〕126号, 东府〔2021〕54号, 盐政办发[2022]16号
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}\s*[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_DOC_NUMBER_LABEL = re.compile(r"(文件编号|发文字号|文号)\s*[:：|\s]*$")
_DOC_NUMBER_LINE_MAX = 24  # a number printed on its own line, not one cited in a sentence
_ISSUED = re.compile(
    r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))"
)
_ISSUED_LABEL = re.compile(r"成文日期|发文日期|印发日期|发布日期")


def find_doc_number(lines: list[str]) -> str:
    """The document number (文号) in the header, or ""."""
    for line in lines[:_HEADER_LINES]:
        for m in _DOC_NUMBER.finditer(line):
            if len(line) <= _DOC_NUMBER_LINE_MAX or _DOC_NUMBER_LABEL.search(line[: m.start()]):
                return re.sub(r"\s+", "", m.group(0))
    return ""


def find_issued(lines: list[str]) -> date | None:
    """The issue date: a labelled 成文/发文日期, else a date line near the end or the top."""
    labelled = [line for line in lines[:_HEADER_LINES] if _ISSUED_LABEL.search(line)]
    plain = [line for line in (*lines[-8:], *lines[:15]) if len(line) <= 30]
    for line in (*labelled, *plain):
        m = _ISSUED.search(line)
        if m:
            month, day = m.group(2) or m.group(4), m.group(3) or m.group(5)
            try:
                return date(int(m.group(1)), int(month), int(day))
            except ValueError:
                continue
    return None


@dataclass(slots=True)
class DocumentMeta:
    """What the importer knows about a document as a whole."""

    title: str
    year: int | None
    is_report: bool
    title_year: int | None  # only a year named in the title makes a plan's year end inferable
    title_lines: tuple[int, ...] = ()  # indexes of the lines the title was read from


def _title_candidate(line: str) -> bool:
    if len(line) > _TITLE_MAX or "。" in line or _NOT_TITLE_START.match(line) or line.endswith(("：", ":")):
        return False
    if ("，" in line or "," in line) and len(line) > _FRAGMENT_MAX:
        return False
    return bool(_DOC_TYPE.search(line))


def _fragment(line: str) -> bool:
    """A first title line that continues on the next (国务院关于做好… / 促进就业工作的若干意见)."""
    return (
        len(line) <= _FRAGMENT_MAX
        and not re.search(r"[。，,：:；;！？()（）〔〕\d]", line)
        and not _DOC_TYPE.search(line)
        and not _NOT_TITLE_START.match(line)
    )


def find_title(lines: list[str]) -> tuple[str, tuple[int, ...]]:
    """The title and the indexes of its lines; ("", ()) when the document has none.

    The last title-like line before the first numbered item wins: web pages put
    site names and the covering notice (关于印发…的通知) above the real title.
    """
    best = -1
    for i, line in enumerate(lines[:_HEADER_LINES]):
        if starts_with_marker(line) or FIELD_LABEL.match(line):
            break
        if _title_candidate(line):
            best = i
    if best < 0:
        return "", ()
    title, used = lines[best], (best,)
    if best > 0 and _fragment(lines[best - 1]):
        prev = lines[best - 1]
        if "关于" in prev or len(title) <= 8 or title.startswith(("的", "工作", "实施", "若干")):
            title, used = prev + title, (best - 1, best)
    return title.strip(), used


def find_year(title: str, lines: list[str]) -> tuple[int | None, int | None]:
    """(document year, year named in the title): title, then a date line, then 〔2023〕 numbers."""
    m = _YEAR_RANGE.search(title)
    if m:
        # A multi-year plan (2022—2025年): dates are in its first year, it ends in its last.
        return int(m.group(1)), int(m.group(2))
    m = _TITLE_YEAR.search(title)
    if m:
        return int(m.group(1)), int(m.group(1))
    for line in (*lines[:15], *lines[-8:]):
        m = _DATE.search(line)
        if m and len(line) <= 60:
            return int(m.group(1)), None
    head = "\n".join(lines[:_HEADER_LINES])[:4000]
    m = _DOC_NUMBER_YEAR.search(head)
    return (int(m.group(1)) if m else None), None


def read_meta(lines: list[str], source: str) -> DocumentMeta:
    """Title, year and kind of a document from its clean lines."""
    title, used = find_title(lines)
    year, title_year = find_year(title, lines)
    first_item = next((i for i, line in enumerate(lines) if starts_with_marker(line)), len(lines))
    preamble = "\n".join(lines[: min(first_item + 1, _HEADER_LINES)])
    is_report = bool(_REPORT_TITLE.search(title) or _REPORT_PREAMBLE.search(preamble))
    if not title:
        title = source.rsplit(".", 1)[0] if "." in source else source
    return DocumentMeta(title, year, is_report, title_year, used)


def drop_repeated_title(lines: list[str], meta: DocumentMeta) -> list[str]:
    """Remove later copies of the title (whole lines, or the start of a line)."""
    if not meta.title_lines:
        return lines
    key = re.sub(r"\s+", "", meta.title)
    out = lines[: meta.title_lines[-1] + 1]
    for line in lines[meta.title_lines[-1] + 1 :]:
        compact = re.sub(r"\s+", "", line)
        if compact == key:
            continue
        if line.startswith(meta.title) and line[len(meta.title) : len(meta.title) + 1].isspace():
            line = line[len(meta.title) :].strip()
        out.append(line)
    return out
