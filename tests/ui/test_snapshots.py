"""Snapshots (pytest-textual-snapshot) of the board, the detail and the filter picker, in both languages.

Generate with ``pytest tests/ui/test_snapshots.py --snapshot-update`` and look at
the SVGs (``tests/ui/__snapshots__/``) before accepting them.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.ui.board_helpers import SRC_A, WHO, settle, tid

SIZE = (120, 40)
LANGS = ["zh", "en"]


def _no_blink(app) -> None:
    # A blinking cursor would make the picture depend on timing.
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


# A default terminal, the size the other snapshots use, a laptop full screen, a wide monitor.
BOARD_SIZES = [(80, 24), (120, 40), (160, 45), (220, 60)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", BOARD_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_board(snap_compare, make_app, lang, size):
    """The columns with counts, cards, countdown badges, filter bar and footer; at 80x24 the
    footer keeps ``?``; from 200 columns cards show dates and co-units, from 50 rows three lines."""
    assert snap_compare(make_app(lang=lang), terminal_size=size)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", [(80, 24), (220, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_board_filtered(snap_compare, make_app, lang, size):
    """Two lead units, overdue only and a search: every filter shown, matches marked."""

    async def narrow(pilot):
        await pilot.press("f", *"区发", "space", "backspace", "backspace", *"区数", "space", "enter")
        await pilot.press("slash", *"数据", "enter")

    assert snap_compare(make_app(lang=lang), terminal_size=size, run_before=narrow)


@pytest.mark.parametrize("lang", LANGS)
def test_edit_dialog_80x24(snap_compare, make_app, lang):
    """The edit form whole, buttons included, on a default terminal."""

    async def edit(pilot):
        await pilot.press("e")
        _no_blink(pilot.app)

    assert snap_compare(make_app(lang=lang), terminal_size=(80, 24), run_before=edit)


@pytest.mark.parametrize("lang", LANGS)
def test_detail(snap_compare, make_app, store, lang):
    """Full text, fields, the deadline as written, notes and history, newest first."""
    first = tid(SRC_A, "1")
    store.add_note(first, "已召开专题会议，方案已报区政府审定", author=WHO)
    store.move(first, "in_progress")

    async def open_detail(pilot):
        # 落实一网一门一次改革 is now the second card of 进行中 (by deadline).
        await pilot.press("l", "j", "right_square_bracket")  # → 已完成, one more history row
        await settle(pilot)
        await pilot.press("enter")

    assert snap_compare(make_app(lang=lang), terminal_size=SIZE, run_before=open_detail)


@pytest.mark.parametrize("lang", LANGS)
def test_lead_picker(snap_compare, make_app, lang):
    """Every lead unit with its task count, two already marked."""

    async def pick(pilot):
        await pilot.press("f", "space", "space")
        _no_blink(pilot.app)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZE, run_before=pick)


@pytest.mark.parametrize("theme", ["light", "hongtou"])
def test_board_themes(snap_compare, make_app, theme):
    """The print-friendly light theme and the red-on-white 红头文件 theme."""
    assert snap_compare(make_app(theme=theme), terminal_size=SIZE)
