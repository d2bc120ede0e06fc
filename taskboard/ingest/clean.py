"""Raw document text → clean lines: the noise of web pages and converters removed.

Removes ``[bookmark: …]`` tags, ``##paidbegin##…##paidend##`` paywall tails
(everything inside, passwords included), table pipes, zero-width characters,
the signature/date block at the end, and splits off attachments (附件).
"""

from __future__ import annotations

import re

from .tables import header_columns, is_task_header, table_to_lines

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
# A paywall tail runs to its end marker, or to the end of the file when that is missing.
_PAYWALL = re.compile(r"##paidbegin##.*?(?:##paidend##|\Z)", re.S)
_PAID_MARKER = re.compile(r"##paid\w*##")
# Zero-width characters, and the private-use marks this package reserves for tables.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\ue000-\uf8ff]")
_BLANKS = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]+")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_TABLE_RULE = re.compile(r"^[\s|:：\-—=+]*$")
_DATE_LINE = re.compile(
    r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|20\d{5,6})$"
)
_TRAILER = re.compile(r"^([（(]此件.{0,12}[)）]|(抄送|抄报|主送|印发|联系人|联系电话)[:：].*)$")
_SIGNATURE_MAX = 25
_ATTACHMENT = re.compile(r"^附\s*[件表]\s*[0-9一二三四五六七八九十]*\s*([:：].*)?$")
_ATTACHMENT_MAX = 40


def normalise(text: str) -> str:
    """Unify newlines and blanks, drop bookmark tags, paywall tails and invisible characters."""
    text = _NEWLINES.sub("\n", text)
    text = _PAYWALL.sub("\n", text)
    text = _PAID_MARKER.sub("", text)
    text = _BOOKMARK.sub("", text)
    text = _INVISIBLE.sub("", text)
    return _BLANKS.sub(" ", text)


def _pipe_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("|")]


def to_lines(text: str) -> list[str]:
    """Non-empty stripped lines; pipe-table rows become table lines or plain text."""
    lines: list[str] = []
    table: list[list[str]] = []
    for raw in normalise(text).split("\n"):
        line = _MARKDOWN_HEADING.sub("", raw.strip())
        if "|" in line:
            cells = _pipe_cells(line)
            filled = [c for c in cells if c]
            if len(filled) >= 2:
                # ``| a | b |``, ``a | b | c`` and ``| a | b``: the outer pipes are optional.
                start = 1 if line.startswith("|") else 0
                table.append(cells[start:-1] if line.endswith("|") else cells[start:])
                continue
            if _TABLE_RULE.match(line):
                continue
            # Converter debris (``title | ||||``): keep the text, drop the pipes.
            line = " ".join(filled)
        if table:
            lines.extend(table_to_lines(table))
            table = []
        if line:
            lines.append(line)
    if table:
        lines.extend(table_to_lines(table))
    return cell_per_line_tables(lines)


_HEADER_CELL = re.compile(r"[^\s:：，,。;；、\d()（）]{2,8}")  # 序号, 重点任务, 牵头单位: short bare words


def cell_per_line_tables(lines: list[str]) -> list[str]:
    """A table pasted one cell per line: a run of header cells (序号, 重点任务, 牵头单位,
    完成时限…) and then the rows' cells in the same order, read as a task table.

    The rows run while each starts with a number in the 序号 column (or, without one,
    to the end of the run of lines that fill whole rows).
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        width = _header_run(lines, i)
        if not width:
            out.append(lines[i])
            i += 1
            continue
        rows = [lines[i : i + width]]
        j = i + width
        numbered = header_columns(rows[0]).get("number") == 0
        while j + width <= len(lines) and (not numbered or re.fullmatch(r"\d{1,4}", lines[j])):
            rows.append(lines[j : j + width])
            j += width
        out.extend(table_to_lines(rows))
        i = j
    return out


def _header_run(lines: list[str], start: int) -> int:
    """The number of header cells starting at ``start`` (0 when no task-table header starts there)."""
    end = start
    while end < len(lines) and _HEADER_CELL.fullmatch(lines[end]):
        end += 1
    for width in range(end - start, 2, -1):
        cells = lines[start : start + width]
        found = header_columns(cells)
        if is_task_header(found) and len(found) == width:
            return width
    return 0


def drop_trailer(lines: list[str]) -> list[str]:
    """Remove the closing block: 抄送/（此件公开发布）lines and the signature + date."""
    end = len(lines)
    floor = max(0, end - 8)
    while end > floor:
        line = lines[end - 1]
        if _TRAILER.match(line):
            end -= 1
        elif _DATE_LINE.match(line):
            end -= 1
            prev = lines[end - 1] if end > 0 else ""
            if prev and len(prev) <= _SIGNATURE_MAX and not re.search(r"[。，,；;：:]", prev):
                end -= 1
        else:
            break
    return lines[:end]


def split_attachments(lines: list[str]) -> tuple[list[str], list[str]]:
    """(body, attachments): everything from the first 附件 label line on is an attachment."""
    for i, line in enumerate(lines):
        if i and len(line) <= _ATTACHMENT_MAX and _ATTACHMENT.match(line):
            return lines[:i], lines[i:]
    return lines, []
