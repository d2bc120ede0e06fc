"""Moving around the board: filters start at the top, Tab cycles columns, search matches
are marked, the summary key, help that wraps, ctrl+c in the board's language, a picker
that takes keys in order however fast they come."""

from __future__ import annotations

import pytest
from rich.cells import set_cell_size
from textual import events

from taskboard.model import Status
from taskboard.ui.screens.help_screen import HelpScreen
from taskboard.ui.screens.picker_screen import PickerScreen
from taskboard.ui.screens.summary_screen import SummaryScreen
from tests.ui.board_helpers import screen_text, wait_for

pytestmark = pytest.mark.asyncio

CHARS = {"space": " ", "enter": "\r", "escape": "\x1b", "backspace": "\x7f", "tab": "\t"}


async def burst(pilot, *keys: str) -> None:
    """Keys as a fast typist or a paste delivers them: all queued before any is handled
    (``pilot.press`` waits for the app to go idle after each key)."""
    driver = pilot.app._driver
    for key in keys:
        event = events.Key(key, CHARS.get(key, key if len(key) == 1 else None))
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause(0.2)


async def test_a_burst_of_keys_in_the_picker_applies_in_order(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, PickerScreen)
        await burst(pilot, "区", "数", "space", "enter")
        assert app.board.model.filters.leads == frozenset({"区数据局"})
        await pilot.press("f")
        await burst(pilot, "区", "司", "space", "区", "escape")
        assert app.board.model.filters.leads == frozenset({"区数据局"})  # escape kept the filter
        await pilot.press("f")
        await burst(pilot, "backspace", "区", "市", "space", "enter")
        assert app.board.model.filters.leads == frozenset({"区数据局", "区市场监管局"})


async def test_a_filter_starts_at_the_top_with_the_cursor_on_the_first_card(make_app):
    app = make_app()
    async with app.run_test(size=(80, 16)) as pilot:  # room for four cards: 未开始 scrolls
        column = app.board.columns[Status.NOT_STARTED]
        await pilot.press("G")
        assert column.cursor == 6 and column.scroll_offset.y > 0
        await pilot.press("slash", *"区发改委", "enter")
        await pilot.pause()
        titles = [t.title for t in column.cards]
        assert titles == ["开展营商环境第三方评估", "落实一网一门一次改革"]
        assert column.cursor == 0 and column.scroll_offset.y == 0
        lines = screen_text(app).splitlines()
        assert titles[0][:6] in lines[2]  # the first match heads the column
        await pilot.press("escape", "G")  # all again, scrolled to the bottom
        assert column.scroll_offset.y > 0
        await pilot.press("o")  # overdue only: none here, one in 进行中
        await pilot.pause()
        assert app.board.current_column.status is Status.IN_PROGRESS
        assert app.board.current_task.title.startswith("深化“放管服”改革")
        assert column.scroll_offset.y == 0


async def test_tab_and_shift_tab_cycle_the_columns(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            seen.append(app.board.current_column.status)
        assert seen == [Status.IN_PROGRESS, Status.DONE, Status.NOT_STARTED]
        await pilot.press("shift+tab")
        assert app.board.current_column.status is Status.DONE
        assert "▶ 已完成" in screen_text(app)
        await pilot.press("right_square_bracket")  # keys act on the column Tab chose
        assert "已在最后一列" in screen_text(app) or app.board.current_column.status is Status.DONE


async def test_search_matches_are_highlighted_on_the_cards(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"数据局", "enter")
        await pilot.pause()
        marked = []
        for column in app.board.columns.values():
            for y in range(len(column.cards) * column.card_height):
                marked += [s.text for s in column.render_line(y) if s.style.reverse]
        assert marked and set(marked) == {"数据局"}
        await pilot.press("escape")
        await pilot.pause()
        column = app.board.columns[Status.NOT_STARTED]
        assert not any(s.style.reverse for y in range(6) for s in column.render_line(y))


async def test_help_entries_wrap_instead_of_being_cut(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        # The key list is long: wait for its first layout rather than one frame.
        await wait_for(pilot, lambda: "打开详情" in screen_text(app))
        text = screen_text(app)
        assert "…" not in text
        # Only the board's table: the other table's rows sit beside its wrapped lines.
        edge = app.screen.query_one("#help-other").region.x
        board_half = "\n".join(set_cell_size(line, edge) for line in text.splitlines())
        flat = "".join(ch for ch in board_half if ch not in " │\n")
        assert "打开详情：全文、单位、时限、备注、变更记录" in flat  # wrapped, whole


async def test_ctrl_c_says_how_to_quit_in_the_boards_language(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        text = screen_text(app)
        assert "按 q 退出看板" in text and "要退出吗" in text
        assert "Press" not in text and "quit the app" not in text
    app = make_app(lang="en")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert "Press q to quit the board" in screen_text(app)


async def test_summary_is_on_percent_not_a_case_twin(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "% 汇总" in footer and "s 来源" in footer and "S " not in footer
        await pilot.press("percent_sign")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
