"""What the screen shows after a move or a column change, in every offered theme.

A move repaints only the rows whose card changed, and a column shows that it
is active without a restyle (an inline border colour and its title), so these
tests read the picture the compositor draws, not the widgets' state: the card
in its new column under the strong cursor and gone from the old one, one
``▶`` before the active column's name, and the theme's border colour on that
column's border alone.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color

from taskboard.model import Status
from taskboard.ui.widgets.card_column import CardColumn
from tests.ui.board_helpers import SRC_A, open_board_store, settle, tid, wait_for

pytestmark = pytest.mark.asyncio

SIZE = (120, 40)


def _cell(app, x: int, y: int) -> Segment:
    """The segment the screen shows at cell (x, y)."""
    at = 0
    for segment in app.screen._compositor.render_strips()[y]:
        at += cell_len(segment.text)
        if at > x:
            return segment
    raise AssertionError(f"nothing drawn at {x},{y}")


def _text(app, y: int, column: CardColumn) -> str:
    """The text of screen line ``y`` inside ``column``."""
    region = column.region
    return app.screen._compositor.render_strips()[y].crop(region.x, region.right).text


def _row(column: CardColumn) -> int:
    """The screen line of the cursor card's title (below the border)."""
    return column.region.y + 1 + column.cursor * column.card_height - column.scroll_offset.y


def _border(app, column: CardColumn) -> Color:
    """The colour of the column's left border, half-way down."""
    region = column.region
    return Color.from_rich_color(_cell(app, region.x, region.y + region.height // 2).style.color)


def _check_active(app, active: CardColumn) -> None:
    """One marked title, on ``active``; its border in the theme's border colour, the others' not."""
    titles = [_text(app, c.region.y, c) for c in app.board.columns.values()]
    assert sum(t.count("▶") for t in titles) == 1, titles
    assert f"▶ {active.status.label('zh')}" in _text(app, active.region.y, active)
    theme_border = Color.parse(app.get_css_variables()["border"])
    for column in app.board.columns.values():
        drawn = _border(app, column)
        expected = column.background_colors[0] + theme_border
        if column is active:
            assert drawn.hex6 == expected.hex6, (app.theme, column.status)
        else:
            assert drawn.hex6 != expected.hex6, (app.theme, column.status)


async def _offered_themes(pilot) -> list[str]:
    await pilot.press("ctrl+p")  # the palette drops the unreadable built-in themes
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    return sorted(pilot.app.available_themes)


async def test_a_move_shows_the_card_in_its_new_column_under_the_cursor_in_every_theme(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        board = app.board
        for theme in await _offered_themes(pilot):
            app.theme = theme
            await pilot.pause()
            _check_active(app, board.current_column)  # the new theme's colour, on the same column
            for key, there in (
                ("right_square_bracket", Status.IN_PROGRESS),
                ("left_square_bracket", Status.NOT_STARTED),
            ):
                task = board.current_task
                source = board.current_column
                await pilot.press(key)
                await settle(pilot)
                target = board.current_column
                assert target.status is there and target.current.id == task.id, theme
                line = _text(app, _row(target), target)
                assert f"{task.number} {task.title[:6]}" in line, (theme, line)
                cursor_bg = target.get_component_rich_style("card--cursor").bgcolor
                assert _cell(app, target.region.x + 3, _row(target)).style.bgcolor == cursor_bg, theme
                left_behind = [_text(app, y, source) for y in range(source.region.y, source.region.bottom)]
                assert not any(task.title[:6] in text for text in left_behind), theme
                _check_active(app, target)


async def test_changing_column_moves_the_marker_and_the_border_in_every_theme(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        board = app.board
        for theme in await _offered_themes(pilot):
            app.theme = theme
            await pilot.pause()
            for key, status in (("tab", Status.IN_PROGRESS), ("tab", Status.DONE), ("h", Status.IN_PROGRESS),
                                ("tab", Status.DONE), ("tab", Status.NOT_STARTED)):  # fmt: skip
                await pilot.press(key)
                await pilot.pause()
                assert board.current_column.status is status
                _check_active(app, board.current_column)
                column = board.current_column
                cursor_bg = column.get_component_rich_style("card--cursor").bgcolor
                assert _cell(app, column.region.x + 3, _row(column)).style.bgcolor == cursor_bg, theme


def _column_lines(app, column: CardColumn) -> list[str]:
    return [_text(app, y, column) for y in range(column.region.y + 1, column.region.bottom - 1)]


async def test_a_colleagues_move_repaints_the_two_other_columns_and_the_active_one_stays(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        board = app.board
        doing, done = board.columns[Status.IN_PROGRESS], board.columns[Status.DONE]
        title = "深化“放管服”改革"  # A2, in progress; the cursor is in 未开始
        assert any(title in line for line in _column_lines(app, doing))
        open_board_store(db_path).move(tid(SRC_A, "2"), Status.DONE)  # `taskboard move` elsewhere
        await wait_for(pilot, lambda: any(title in line for line in _column_lines(app, done)), timeout=3.0)
        assert not any(title in line for line in _column_lines(app, doing))
        assert "进行中 2" in _text(app, doing.region.y, doing) and "已完成 3" in _text(
            app, done.region.y, done
        )
        _check_active(app, board.columns[Status.NOT_STARTED])
