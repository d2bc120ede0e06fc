"""Toasts keep every Chinese character, wherever they lie over the board's columns.

Textual's compositor cuts each screen line where widgets begin and end; a
double-width character of a toast lying across such a cut was split in two and
shown as two spaces (upstream Textualize/textual#6357).  taskboard patches the
cut handling (taskboard/ui/compositor_fix.py); these tests read the screen.
"""

from __future__ import annotations

import pytest

from tests.ui.board_helpers import screen_text

pytestmark = pytest.mark.asyncio

MESSAGES = [
    "已添加备注：1",
    "没有可撤销的更改",
    "保存失败：数据库只读",
    "已清除筛选",
    "倒计时基准日：2023-07-01",
]
SIZES = [(80, 24), (100, 30), (120, 40), (160, 45), (220, 60)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_toasts_show_every_chinese_character(make_app, size):
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        for message in MESSAGES:
            app.notify(message, timeout=30)
        await pilot.pause()
        text = screen_text(app)
        for message in MESSAGES:
            assert message in text, f"{message!r} not whole on screen:\n{text}"


async def test_a_partial_redraw_writes_the_toast_whole(make_app):
    """What the terminal receives when only part of the screen changed (the normal redraw)."""
    import re

    from rich.console import Console
    from textual.geometry import Region

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("没有可撤销的更改", timeout=30)
        await pilot.pause()
        compositor = app.screen._compositor
        # Redraws starting left of, at and inside the toast; ending inside it (a column's
        # repaint under the toast, as after a note is saved), and at the screen's edge.
        for x1, x2 in ((0, 80), (40, 80), (57, 80), (26, 52), (0, 52), (45, 60)):
            compositor._dirty_regions.add(Region(x1, 0, x2 - x1, 24))
            update = compositor.render_partial_update()
            raw = update.render_segments(Console(width=80, force_terminal=True, color_system="truecolor"))
            written = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", raw)  # the text, without moves and colours
            assert "没有可撤销的更改" in written
