"""Task tables (Word tables, pipe tables in .txt/.md) → the line format the outline reads.

A table whose header names its columns (序号 / 任务 / 牵头单位 / 责任单位 /
完成时限…) becomes one numbered measure per row followed by field lines, so
tables and prose go through the same parser. Row numbers are wrapped in
private-use marks (ROW_MARK … ROW_END) so they can never be confused with the
numbering inside a cell. Any other table is flattened to one line per row.
"""

from __future__ import annotations

import re

SECTION_MARK = "\ue000"  # line is a section heading taken from a table
ROW_MARK = "\ue001"  # ROW_MARK number ROW_END task text: one table row
ROW_END = "\ue002"

_COLUMNS = (
    ("number", re.compile(r"^(序号|编号|序|No\.?)$", re.I)),
    # People (责任领导/分管领导/责任人) are never units: matched before the unit columns.
    ("person", re.compile(r"领导|责任人|联系人|负责人|包保")),
    ("lead", re.compile(r"牵头|主责|主办")),
    ("co", re.compile(r"配合|协办|参与|协同|协助")),
    ("resp", re.compile(r"责任(单位|部门|主体|科室|处室)|承办|(单位|部门|科室|处室)$")),
    ("due", re.compile(r"时限|时间|期限|节点|完成日期")),
    ("status", re.compile(r"状态|进展|进度|完成情况|推进情况")),
    ("title", re.compile(r"任务|事项|名称|目标|项目|举措|重点工作|工作$")),
    ("detail", re.compile(r"措施|内容|举措|要求|具体")),
    ("section", re.compile(r"类别|领域|板块|方面|分类|序列")),
)
_FIELD_LABEL = {"lead": "牵头单位", "resp": "责任单位", "co": "配合单位", "due": "完成时限", "status": "状态"}
_SENTENCE_END = "。；;！!？?"


def header_columns(row: list[str]) -> dict[str, int]:
    """Column name (number, lead, due, title…) → cell index, for the cells that name one."""
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        label = re.sub(r"\s+", "", cell)
        if not label or len(label) > 12:
            continue
        for name, pattern in _COLUMNS:
            if name not in found and pattern.search(label):
                found[name] = i
                break
    return found


def is_task_header(found: dict[str, int]) -> bool:
    """Does a header with these columns describe a task table (a task column and a unit or deadline)?"""
    has_text = "title" in found or "detail" in found
    return has_text and bool({"lead", "resp", "co", "due"} & found.keys())


def _distinct(cells: list[str]) -> list[str]:
    out: list[str] = []
    for cell in cells:
        if cell and cell not in out:
            out.append(cell)
    return out


def _one_line(cell: str, joiner: str = " ") -> str:
    return joiner.join(part.strip() for part in cell.splitlines() if part.strip())


def table_to_lines(rows: list[list[str]]) -> list[str]:
    """Lines for one table (list of rows of cell texts, merged cells repeated)."""
    header_at, columns = -1, {}
    for i, row in enumerate(rows[:3]):
        found = header_columns(row)
        if is_task_header(found):
            header_at, columns = i, found
            break
    if header_at < 0:
        return [" ".join(_distinct([_one_line(c) for c in row])) for row in rows if any(row)]
    lines = [" ".join(_distinct([_one_line(c) for c in row])) for row in rows[:header_at]]
    section = ""
    ordinal = 0

    def cell(row: list[str], name: str, joiner: str = " ") -> str:
        i = columns.get(name)
        return _one_line(row[i], joiner) if i is not None and i < len(row) else ""

    for row in rows[header_at + 1 :]:
        distinct = _distinct([_one_line(c) for c in row])
        if not distinct:
            continue
        if len(distinct) == 1 and len(row) > 2:
            # A row merged across the table: a section heading.
            section = distinct[0]
            lines.append(SECTION_MARK + section)
            continue
        new_section = cell(row, "section")
        if new_section and new_section != section:
            section = new_section
            lines.append(SECTION_MARK + section)
        title, detail = cell(row, "title"), cell(row, "detail")
        if title in (detail, section):
            title = ""  # the same text twice (merged cells) or the section repeated
        if title and detail and title[-1] not in _SENTENCE_END:
            title += "。"
        text = title + detail
        if not text:
            continue
        ordinal += 1
        number = re.sub(r"[\s.、．()（）]", "", cell(row, "number")) or str(ordinal)
        lines.append(f"{ROW_MARK}{number}{ROW_END}{text}")
        for name in ("lead", "resp", "co", "due", "status"):
            value = cell(row, name, "、" if name in ("lead", "resp", "co") else " ")
            if value:
                lines.append(f"{_FIELD_LABEL[name]}：{value}")
    return lines
