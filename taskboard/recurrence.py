"""Standing duties (每月20日前, 每季度, 每年3月底前): when the next one falls due.

The importer keeps a recurring deadline as written; the countdown, the
calendar and the store's roll to the next period all turn it into a date
here, with one rule.  Plain Python over dates: no clock, no model.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

_EVERY_MONTH_DAY = re.compile(r"每(?:个)?月\s*(\d{1,2})\s*[日号]")
_EVERY_YEAR_DATE = re.compile(r"每年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|底|末)?")


def _month_end(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(day=31)


def _quarter_end(day: date) -> date:
    return _month_end(day.year, ((day.month - 1) // 3 + 1) * 3)


def period_after(deadline_text: str, due: date) -> date | None:
    """The due date of the period after the one due on ``due`` (None when the text names no period)."""
    return next_due(deadline_text, due + timedelta(days=1))


def next_due(deadline_text: str, today: date) -> date | None:
    """The next due date of a recurring duty on or after ``today``; None when not recurring.

    The importer keeps the period as written (``deadline_text``, kind RECURRING);
    this turns it into a date for countdowns: 每月20日前 → the 20th of this or next
    month, 每季度 → the quarter's end, 每半年 → 30 June / 31 December, 每年3月底前 →
    31 March of this or next year, 每年 → 31 December, 每周 → Sunday, 每旬 → the
    10th, 20th or month end. Pure: the same inputs always give the same date.
    """
    text = deadline_text
    if m := _EVERY_MONTH_DAY.search(text):
        day = int(m.group(1))
        for step in range(3):
            month_start = date(today.year, today.month, 1) + relativedelta(months=step)
            candidate = month_start + relativedelta(day=day)  # clamps 31 to the month's end
            if candidate >= today:
                return candidate
        return None
    if m := _EVERY_YEAR_DATE.search(text):
        month = int(m.group(1))
        if not 1 <= month <= 12:
            return None
        for year in (today.year, today.year + 1):
            try:
                candidate = date(year, month, int(m.group(2))) if m.group(2) else _month_end(year, month)
            except ValueError:
                return None
            if candidate >= today:
                return candidate
        return None
    if "半年" in text:
        return date(today.year, 6, 30) if today <= date(today.year, 6, 30) else date(today.year, 12, 31)
    if "季" in text:
        return _quarter_end(today)
    if "旬" in text:
        for day in (10, 20):
            if today.day <= day:
                return date(today.year, today.month, day)
        return _month_end(today.year, today.month)
    if "周" in text:
        m = re.search(r"周([一二三四五六日天])", text)
        weekday = "一二三四五六日".find(m.group(1).replace("天", "日")) if m else 6
        return today + relativedelta(days=(weekday - today.weekday()) % 7)
    if "月" in text:
        return _month_end(today.year, today.month)
    if "年" in text:
        return date(today.year, 12, 31)
    return None
