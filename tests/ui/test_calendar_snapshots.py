"""Snapshots of the deadline calendar at 120×40 and 160×45, in Chinese and English.

Generate with ``pytest tests/ui/test_calendar_snapshots.py --snapshot-update`` and look
at the SVGs (``tests/ui/__snapshots__/test_calendar_snapshots/``) before accepting them.
"""

from __future__ import annotations

import pytest

SIZES = {"120x40": (120, 40), "160x45": (160, 45)}
LANGS = ["zh", "en"]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_calendar_month(snap_compare, make_app, lang, size):
    """June 2023: the as-of day (selected) with its due task and overdue pile, its tasks listed below."""
    assert snap_compare(make_app(lang=lang), terminal_size=SIZES[size], press=["c"])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_calendar_week(snap_compare, make_app, lang, size):
    """The week after the as-of date as an agenda: 7/5 selected, its task by name and lead unit."""
    keys = ["c", "w", "right", "right", "right", "right", "right"]
    assert snap_compare(make_app(lang=lang), terminal_size=SIZES[size], press=keys)


@pytest.mark.parametrize("lang", LANGS)
def test_calendar_next_month(snap_compare, make_app, lang):
    """July 2023 after `]`: amber days inside the 14-day window, plain ones after it."""
    assert snap_compare(
        make_app(lang=lang), terminal_size=SIZES["120x40"], press=["c", "right_square_bracket"]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_calendar_day_list(snap_compare, make_app, lang):
    """Enter on the as-of day: the overdue task first, then the one due that day."""
    assert snap_compare(make_app(lang=lang), terminal_size=SIZES["120x40"], press=["c", "enter"])
