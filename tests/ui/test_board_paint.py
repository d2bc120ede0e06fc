"""What the screen shows after a move or a column change, in every offered theme.

A move repaints only the rows whose card changed, and a column shows that it
is active without a restyle (an inline border colour and its title), so these
tests read the picture the compositor draws, not the widgets' state: the card
in its new column under the strong cursor and gone from the old one, one
``▶`` before the active column's name, and the theme's border colour on that
column's border alone.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.geometry import Offset
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from taskboard.model import Status
from taskboard.ui.widgets.card_column import CardColumn
from taskboard.ui.widgets.column_scrollbar import ColumnScrollBar
from tests.ui.board_helpers import SRC_A, open_board_store, settle, tid, wait_for
from tests.ui.terminal import Terminal

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


async def _each_theme(pilot) -> AsyncIterator[str]:
    """Switch the board to each theme it offers in turn, yielding its name."""
    await pilot.press("ctrl+p")  # the palette drops the unreadable built-in themes
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    for theme in sorted(pilot.app.available_themes):
        pilot.app.theme = theme
        await pilot.pause()
        yield theme


async def test_a_move_shows_the_card_in_its_new_column_under_the_cursor_in_every_theme(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        board = app.board
        async for theme in _each_theme(pilot):
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
        async for theme in _each_theme(pilot):
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


async def test_a_card_saved_with_a_new_face_is_repainted_in_place(make_app, db_path):
    # A card whose saved version looks the same is not repainted (the reply to
    # every move), so one that looks different must be: read what the terminal
    # was sent, not the compositor, which redraws from the current state.
    app = make_app()
    terminal = Terminal(app, SIZE)
    async with app.run_test(size=SIZE) as pilot:  # no toast: it would repaint the screen
        board = app.board
        doing, done = board.columns[Status.IN_PROGRESS], board.columns[Status.DONE]
        old, new = "深化“放管服”改革", "优化营商环境专项行动"  # A2, in progress
        shown = lambda column, text: any(text in line for line in terminal.lines(column.region))  # noqa: E731
        await wait_for(pilot, lambda: shown(doing, old))
        open_board_store(db_path).edit(tid(SRC_A, "2"), title=new)  # `taskboard edit` elsewhere
        await wait_for(pilot, lambda: shown(doing, new), timeout=3.0)
        assert not shown(doing, old)
        await pilot.press("tab")
        await settle(pilot)
        frames = terminal.frames
        await pilot.press("right_square_bracket")  # a move of ours: saved, with the same face
        await settle(pilot)
        assert shown(done, new) and not shown(doing, new)
        assert terminal.frames - frames == 1, "the reply repainted a card that looks the same"


def _look(line: list[Segment]) -> tuple[str, str]:
    """A one-cell line as a person sees it: the glyph and the colour that fills the cell."""
    style = line[0].style
    fill = style.color if style.reverse else style.bgcolor
    return "".join(s.text for s in line), fill.triplet.hex if fill and fill.triplet else str(fill)


def _drawn_bar(app, column: CardColumn) -> list[tuple[str, str]]:
    """The column's scrollbar as the screen shows it: each line's text and background."""
    region = column.vertical_scrollbar.region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return [_look(list(strip.crop(region.x, region.right))) for strip in strips]


def _fresh_bar(app, column: CardColumn) -> list[tuple[str, str]]:
    """The same scrollbar drawn from scratch, from the column's scroll state now."""
    bar = column.vertical_scrollbar
    options = app.console.options.update_dimensions(bar.size.width, bar.size.height)
    lines = app.console.render_lines(bar.render(), options)
    return [_look(line) for line in lines]


async def test_the_scrollbar_thumb_follows_the_cards_moved_in_and_out(make_app):
    # A move repaints the scrollbar only when its thumb changes: on a short
    # terminal, where every card changes the thumb, it must still be redrawn.
    app = make_app()
    async with app.run_test(size=(80, 16)) as pilot:
        board = app.board
        first = board.columns[Status.NOT_STARTED]
        assert first.virtual_size.height > first.scrollable_content_region.height  # it scrolls
        thumbs = set()
        for key in ("right_square_bracket", "left_square_bracket", "h") * 2 + ("right_square_bracket",) * 3:
            await pilot.press(key)
            await settle(pilot)
            for column in board.columns.values():
                assert _drawn_bar(app, column) == _fresh_bar(app, column), (key, column.status)
            thumbs.add(tuple(_drawn_bar(app, first)))
        assert len(thumbs) > 1  # the moves did change the thumb


def _as_textual_draws(column: CardColumn) -> list[list[Segment]]:
    """The column as Textual's own styles cache frames it, from scratch."""
    column._styles_cache.clear()
    return [list(strip) for strip in Widget.render_lines(column, column.outer_size.region)]


async def test_the_columns_own_framing_draws_what_textual_would_in_every_theme(make_app):
    # A column frames its lines itself (border, padding to the scrollbar, the
    # colour filters) so a move costs no re-framing of shifted lines: it must
    # draw cell for cell what Textual's styles cache draws, whatever the state.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        board = app.board
        async for theme in _each_theme(pilot):
            keys = ("right_square_bracket", "space", "j", "tab", "left_square_bracket", "slash", "审")
            for key in keys:  # a move, a mark, the cursor, the active column, a search
                await pilot.press(key)
                await settle(pilot)
                for column in board.columns.values():
                    ours = [list(strip) for strip in column.render_lines(column.outer_size.region)]
                    assert ours == _as_textual_draws(column), (theme, key, column.status)
            await pilot.press("escape")
            await settle(pilot)


def _as_textual_draws_bar(bar: ScrollBar) -> list[list[Segment]]:
    """A scrollbar as Textual's own pipeline draws it, from scratch."""
    bar.refresh()  # drops its caches
    return [list(strip) for strip in ScrollBar.render_lines(bar, bar.size.region)]


async def test_the_columns_scrollbars_draw_what_textual_would_in_every_theme(make_app):
    # A column's scrollbar draws each distinct segment once (ColumnScrollBar):
    # cell for cell Textual's drawing, at the top, middle and end, under the
    # mouse and while dragged.
    app = make_app()
    async with app.run_test(size=(80, 16)) as pilot:
        board = app.board
        async for theme in _each_theme(pilot):
            for key in ("home", "j", "j", "j", "end"):
                await pilot.press(key)
                await settle(pilot)
                for column in board.columns.values():
                    bar = column.vertical_scrollbar
                    assert isinstance(bar, ColumnScrollBar)
                    for hover, grabbed in ((False, False), (True, False), (True, True)):
                        bar.mouse_over, bar.grabbed = hover, grabbed and Offset(0, 0)
                        ours = [list(strip) for strip in bar.render_lines(bar.size.region)]
                        assert ours == _as_textual_draws_bar(bar), (theme, key, column.status, hover, grabbed)
                    bar.mouse_over, bar.grabbed = False, None
