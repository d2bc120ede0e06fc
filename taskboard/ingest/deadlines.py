"""Deadline phrases → dates (dateutil's relativedelta), keeping the raw phrase.

Two modes. A 完成时限 field is read leniently: any date, period end, 持续推进
(ongoing) or 每月20日前 (recurring) counts. Running text is read strictly: only
phrases that say *by when* count (2022年7月底前, 6月30日前, 2022年底, 年底前,
上半年完成…), never a bare date such as 2019年1月1日至12月31日 (a policy window)
or 每年2月底前 (a standing duty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from taskboard import recurrence
from taskboard.model import DeadlineKind, Task
from taskboard.numerals import cn_to_int


def _year(n: int) -> str:
    return rf"(?:(?P<y{n}>(?:19|20)\d{{2}})\s*年?\s*|(?P<rel{n}>今年|明年|次年|当年|本年)\s*)?"


def _before(n: int) -> str:
    return rf"(?P<before{n}>前|以前|之前|内)?"


# Python's re forbids repeating a group name across alternatives, so each
# alternative numbers its groups and _group() reads whichever one matched.
_DATE = re.compile(
    # 2023年6月30日前 / 6月30日前
    rf"{_year(1)}(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]\s*{_before(1)}"
    # 2023年12月底前 / 202312月底前 (garbled) / 7月底 / 6月前
    rf"|{_year(2)}(?P<mm>1[0-2]|0?[1-9])\s*月\s*(?P<part>底|末|份|上旬|中旬|下旬)?\s*{_before(2)}"
    # 2022年底 / 年底前 / 明年年底
    r"|(?:(?P<y3>(?:19|20)\d{2})\s*年|(?P<rel3>今年|明年|次年|当年|本年|今|明|次|当|本)?年)(?P<ye>底|末)\s*"
    r"(?P<before3>前|以前|之前)?"
    # 2023年第一季度末前 / 三季度
    rf"|{_year(4)}第?(?P<q>[一二三四1-4])\s*季度\s*(?:末|底)?\s*{_before(4)}"
    # 上半年 / 下半年 / 年中
    rf"|{_year(5)}(?P<h>上半年|下半年|年中)\s*{_before(5)}"
    # 年内完成
    r"|(?P<within>年内|年度内|全年)(?=完成|实现|全面|基本|全部|建成|落实|推进)"
    # 2023-06-30 (fields only)
    r"|(?P<y7>(?:19|20)\d{2})[-/.](?P<im>1[0-2]|0?[1-9])[-/.](?P<id>3[01]|[12]\d|0?[1-9])(?!\d)"
)


def _group(groups: dict[str, str | None], base: str) -> str | None:
    """The value of whichever numbered alternative of ``base`` matched."""
    for i in range(1, 8):
        value = groups.get(f"{base}{i}")
        if value:
            return value
    return None


# Cheap test before the big pattern: no 月/年底/季度… means no date phrase.
_ANCHOR = re.compile(r"月|年底|年末|季|半年|年中|年内|年度内|\d{4}[-/.]\d")
_RECURRING_TEXT = re.compile(r"每(?:个)?月\s*\d{1,2}\s*[日号]\s*(?:前|以前|之前)")
_RECURRING_FIELD = re.compile(r"每(?:个)?(?:月|季度|季|年|半年|周|旬)|定期|按月|按季度?")
_ONGOING_FIELD = re.compile(r"持续|长期|常态|常年|长效|久久为功")
# "every month / year …" or "as of …" right before a date: not a deadline of this task.
_NOT_A_DEADLINE_BEFORE = re.compile(r"(每(?:个)?(?:月|季度|季|年|半年|周)|截至|截止到?|自|从|于?\d{4}年起)$")
_DONE_SOON = re.compile(r"^\s*(?:完成|实现|建成|到位|办结)")
_RANGE = re.compile(r"至|到|—|－|~|～|-")
_NEXT_YEAR = ("明年", "次年", "明", "次")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A resolved deadline: the date (if any), the raw phrase and how it was stated."""

    date: date | None = None
    text: str = ""
    kind: DeadlineKind = DeadlineKind.NONE


NO_DEADLINE = Deadline()


@lru_cache(maxsize=512)
def _month_end(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(day=31)


def _year_of(g: dict[str, str | None], doc_year: int | None, context_year: int | None) -> int | None:
    y = _group(g, "y")
    if y:
        return int(y)
    rel = _group(g, "rel")
    base = context_year or doc_year
    if rel in _NEXT_YEAR:
        return doc_year + 1 if doc_year else None
    if rel:
        return doc_year
    return base


def _to_date(g: dict[str, str | None], year: int | None) -> date | None:
    if year is None or not 1990 <= year <= 2100:
        return None
    try:
        if g["d"]:
            return date(year, int(g["m"] or 0), int(g["d"]))
        if g["mm"]:
            day = {"上旬": 10, "中旬": 20}.get(g["part"] or "")
            return date(year, int(g["mm"]), day) if day else _month_end(year, int(g["mm"]))
        if g["ye"] or g["within"]:
            return date(year, 12, 31)
        if g["q"]:
            quarter = int(g["q"]) if g["q"].isdigit() else cn_to_int(g["q"]) or 4
            return _month_end(year, quarter * 3)
        if g["h"]:
            return date(year, 12, 31) if g["h"] == "下半年" else date(year, 6, 30)
        if g["im"]:
            return date(year, int(g["im"]), int(g["id"] or 0))
    except ValueError:
        return None
    return None


def _says_by_when(g: dict[str, str | None], after: str) -> bool:
    """Strict mode: does this match state a deadline rather than mention a date?"""
    before = _group(g, "before")
    if g["im"]:
        return False
    if g["within"]:
        return True
    if g["ye"]:
        # 2022年底 is a deadline; a bare 年底 only with 前 (年底前).
        return bool(g["y3"] or before)
    if g["d"]:
        return bool(before)
    if g["mm"]:
        if g["part"] == "份":
            return bool(before) and before != "内"
        return bool(before) or bool(g["y2"] and g["part"])
    return bool(before) or bool(_DONE_SOON.match(after))


def find_dates(text: str, year: int | None, strict: bool = True) -> list[tuple[date, str]]:
    """Every deadline date in ``text`` with its phrase, in order of appearance."""
    found: list[tuple[date, str]] = []
    if not _ANCHOR.search(text):
        return found
    context_year: int | None = None
    for m in _DATE.finditer(text):
        if m.end() == m.start():
            continue
        g = m.groupdict()
        explicit_year = _group(g, "y")
        if explicit_year:
            context_year = int(explicit_year)
        if _NOT_A_DEADLINE_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        if strict and not _says_by_when(g, text[m.end() : m.end() + 4]):
            continue
        when = _to_date(g, _year_of(g, year, context_year))
        if when is not None:
            found.append((when, m.group(0).strip()))
    return found


# A field that only says "this year": 全年, 年内, 本年度…
_WHOLE_YEAR = re.compile(r"^(?:全年|年内|年度内|本年度?内?|今年内?|当年)(?:完成|内|底前|实施|推进)?$")


@lru_cache(maxsize=1024)
def field_deadline(value: str, year: int | None) -> Deadline:
    """Read a 完成时限 field value leniently."""
    value = value.strip().strip("。；;，,")
    if not value:
        return NO_DEADLINE
    if year and _WHOLE_YEAR.match(value):
        return Deadline(date(year, 12, 31), value, DeadlineKind.EXPLICIT)
    dates = find_dates(value, year, strict=False)
    if dates:
        # 2023年3月至12月: a range is due at its end; otherwise the earliest date binds.
        if len(dates) > 1 and _RANGE.search(value):
            chosen = max(d for d, _ in dates)
        else:
            chosen = min(d for d, _ in dates)
        return Deadline(chosen, value, DeadlineKind.EXPLICIT)
    if _RECURRING_FIELD.search(value):
        return Deadline(None, value, DeadlineKind.RECURRING)
    if _ONGOING_FIELD.search(value):
        return Deadline(None, value, DeadlineKind.ONGOING)
    return Deadline(None, value, DeadlineKind.NONE)


def resolve_deadline(field_value: str, text: str, year: int | None) -> Deadline:
    """The deadline of a measure: its 完成时限 field and any by-when phrase in its text.

    The earliest explicit date wins; without one, the field's ongoing/recurring
    wording, then a 每月20日前 in the text.
    """
    from_field = field_deadline(field_value, year) if field_value else NO_DEADLINE
    candidates = [(from_field.date, from_field.text)] if from_field.date is not None else []
    candidates += find_dates(text, year, strict=True)
    if candidates:
        # min() keeps the first of equal dates, so the field's wording wins a tie.
        when, phrase = min(candidates, key=lambda c: c[0])
        return Deadline(when, phrase, DeadlineKind.EXPLICIT)
    if from_field.kind is not DeadlineKind.NONE or from_field.text:
        return from_field
    recurring = _RECURRING_TEXT.search(text)
    if recurring:
        return Deadline(None, recurring.group(0), DeadlineKind.RECURRING)
    return NO_DEADLINE


# -- recurring deadlines ---------------------------------------------------------
def next_due(task: Task, today: date) -> date | None:
    """The next due date of a recurring task as of ``today`` (see :func:`taskboard.recurrence.next_due`)."""
    return next_due_from(task.deadline_text, task.deadline_kind, today)


def next_due_from(deadline_text: str, kind: DeadlineKind, today: date) -> date | None:
    """The next due date of a recurring duty on or after ``today``; None when not recurring."""
    if kind is not DeadlineKind.RECURRING:
        return None
    return recurrence.next_due(deadline_text, today)
