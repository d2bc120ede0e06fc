"""The summary screen (``S`` on the board), pushed inside a minimal app with Pilot."""

from __future__ import annotations

import html
import re
from datetime import date

from textual.app import App

from taskboard.ui.screens.summary_screen import SummaryScreen

from .board import FGW, SCJ, XZ, ZWZX


class Host(App):
    def __init__(self, screen):
        super().__init__()
        self._summary = screen

    def on_mount(self) -> None:
        self.push_screen(self._summary)


def screen_text(app: App) -> str:
    """What the terminal shows, as text (from the screenshot SVG)."""
    svg = app.export_screenshot()
    body = svg.split("</style>", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


async def test_screen_shows_the_figures_and_a_bar_per_unit(board):
    screen = SummaryScreen(board.all(), date(2023, 6, 30), "zh")
    app = Host(screen)
    async with app.run_test(size=(110, 90)) as pilot:
        await pilot.pause()
        assert app.screen is screen
        text = screen_text(app)
        assert "改革任务推进情况汇总" in text
        assert "共18项任务 · 已完成 3 · 进行中 7 · 未开始 8 · 完成率 17%" in text
        assert "逾期 4 · 14天内到期 3" in text
        assert "各牵头单位完成率" in text
        assert "逾期任务（4项）" in text
        for unit in (XZ, SCJ, FGW, ZWZX):
            assert unit in text
        # the chart: 20% of 30 cells is 6 full blocks; 0% is none
        assert len(screen.query("#summary-chart")) == 1
        lines = [ln for ln in text.splitlines() if "░" in ln or "█" in ln]
        assert len(lines) == 5
        assert lines[0].count("█") == 6 and "20%" in lines[0] and "1/5" in lines[0]
        assert lines[1].count("█") == 0 and "0%" in lines[1]
        assert screen.summary.totals.overdue == 4  # the same computation as `taskboard summary`


async def test_escape_closes_it(board):
    screen = SummaryScreen(board.all(), date(2023, 6, 30), "en")
    app = Host(screen)
    async with app.run_test(size=(110, 60)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Completion by lead unit" in text and "Esc back to the board" in text
        assert "18 tasks · Done 3" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
