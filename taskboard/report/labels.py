"""The words of the reports (``report.*`` keys of the catalogue) and how dates and percentages read."""

from __future__ import annotations

from datetime import date

from ..catalogue import long_date, say

__all__ = ["label", "long_date", "pct", "zh_date"]


def label(key: str, lang: str = "zh", **values: object) -> str:
    """The report word ``key`` in ``lang`` (the catalogue's ``report.<key>``), with ``values`` filled in."""
    return say(lang, f"report.{key}", **values)


def pct(value: int) -> str:
    """``67%``: completion percentages are whole numbers in every format."""
    return f"{value}%"


def zh_date(d: date) -> str:
    """``2023年6月30日``, as dates are written in official Chinese letters."""
    return long_date(d, "zh")
