"""The words of the reports (``report.*`` keys of the catalogue) and how percentages read."""

from __future__ import annotations

from ..catalogue import say

__all__ = ["label", "pct"]


def label(key: str, lang: str = "zh", **values: object) -> str:
    """The report word ``key`` in ``lang`` (the catalogue's ``report.<key>``), with ``values`` filled in."""
    return say(lang, f"report.{key}", **values)


def pct(value: int) -> str:
    """``67%``: completion percentages are whole numbers in every format."""
    return f"{value}%"
