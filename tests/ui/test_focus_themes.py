"""Which column has the cursor, and themes whose every card text can be read.

The contrast figures here are measured on what the board draws (each segment's
colour on its background), not taken from the theme files, and compared with
the check (taskboard.ui.themes.readable) that decides which built-in themes
the palette offers.
"""

from __future__ import annotations

import pytest
from coloraide import Color as Colour
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from taskboard.model import Status
from taskboard.ui.themes import BODY, SECONDARY, contrast, readable
from taskboard.ui.widgets.card_column import CardColumn
from tests.ui.board_helpers import screen_text

pytestmark = pytest.mark.asyncio

SIZE = (120, 40)
OURS = {"dark", "light", "hongtou"}
MUTED_BADGES = {"已完成", "无时限"}  # done and undated: secondary text by design


def _colours(style) -> tuple[Color, Color]:
    fg, bg = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
    return (bg, fg) if style.reverse else (fg, bg)


def card_contrasts(column: CardColumn) -> list[tuple[str, float, float]]:
    """(what, measured ratio, required) for every text segment the column draws for its cards,
    each card drawn as a plain card, as the faint cursor and as the focused cursor."""
    found = []
    width = column.scrollable_content_region.width
    for index, task in enumerate(column.cards):
        for state in (0, 1, 2):
            for part in range(column.card_lines):
                segments = [s for s in column._draw(task, part, state, width) if s.text.strip()]
                for i, segment in enumerate(segments):
                    fg, bg = _colours(segment.style)
                    if i == 0:
                        need = SECONDARY  # the edge: a graphic
                    elif state == 2:
                        need = BODY  # everything on the cursor card
                    elif part == 0:
                        need = SECONDARY if i == 1 else BODY  # number, then title
                    else:
                        last = i == len(segments) - 1 and part == 1
                        need = BODY if last and segment.text not in MUTED_BADGES else SECONDARY
                    what = f"{column.status.value} {index} state {state} line {part} {segment.text!r}"
                    found.append((what, contrast(fg, bg), need))
    return found


def focus_title_contrast(app) -> float:
    """Contrast of the focused column's title (drawn in the border by Textual)."""
    strips = app.screen._compositor.render_strips()
    for strip in strips[:3]:
        for segment in strip:
            if "▶" in segment.text:
                return contrast(*_colours(segment.style))
    raise AssertionError("no column title shows focus")


def failures(app) -> list[tuple[str, float, float]]:
    measured = [m for column in app.board.columns.values() for m in card_contrasts(column)]
    measured.append(("focused column title", focus_title_contrast(app), BODY))
    return [m for m in measured if m[1] < m[2]]


async def _show(pilot, theme: str) -> None:
    pilot.app.theme = theme
    await pilot.pause()


async def _open_palette(pilot) -> None:
    """Open and close the command palette: what it lists is what the board offers."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()


async def test_only_readable_builtin_themes_are_offered(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open_palette(pilot)
        offered = set(app.available_themes)
        assert offered >= OURS
        assert "gruvbox" not in offered  # lead unit 1.04:1 on the cursor card in the issue
        assert "textual-ansi" not in offered and "ansi-dark" not in offered  # colours unknowable
        assert offered - OURS, "some built-in themes pass"
        assert offered - OURS == {n for n, t in BUILTIN_THEMES.items() if readable(t)}


async def test_every_offered_theme_meets_wcag_aa_on_screen(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open_palette(pilot)
        # The cursor on an overdue card (进行中: A2 逾期30天), in the middle column.
        await pilot.press("l")
        for theme in sorted(app.available_themes):
            await _show(pilot, theme)
            assert failures(app) == [], theme


async def test_the_theme_check_agrees_with_the_screen_for_every_builtin_theme(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        for name, theme in BUILTIN_THEMES.items():
            if name.startswith(("ansi", "textual-ansi")):
                continue
            app.register_theme(theme)
            await _show(pilot, name)
            assert (failures(app) == []) == readable(theme), name


async def test_overdue_on_the_cursor_card_reads_in_our_dark_theme(make_app):
    app = make_app(theme="dark")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        column = app.board.columns[Status.IN_PROGRESS]
        assert column.current.title.startswith("深化“放管服”改革")
        badge = next(s for s in column.render_line(1) if "逾期" in s.text)
        assert contrast(*_colours(badge.style)) >= BODY


def _card_bg(column: CardColumn, index: int) -> Color:
    y = index * column.card_height - column.scroll_offset.y
    return Color.from_rich_color(list(column.render_line(y))[1].style.bgcolor)


def _distance(a: Color, b: Color) -> float:
    return Colour(a.hex6).delta_e(b.hex6, method="2000")


async def test_only_the_focused_column_shows_a_strong_cursor_in_every_theme(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open_palette(pilot)
        for theme in sorted(app.available_themes):
            await _show(pilot, theme)
            for key, focused in (("l", Status.IN_PROGRESS), ("h", Status.NOT_STARTED)):
                await pilot.press(key)
                columns = app.board.columns
                strong = _card_bg(columns[focused], columns[focused].cursor)
                plain = _card_bg(columns[focused], columns[focused].cursor + 1)
                assert _distance(strong, plain) >= 10, theme  # unmistakable
                text = screen_text(app)
                assert text.count("▶") == 1 and f"▶ {focused.label('zh')}" in text, theme
                for status, column in columns.items():
                    if status is focused or column.cursor is None:
                        continue
                    faint = _card_bg(column, column.cursor)
                    assert _distance(faint, strong) >= 10, (theme, status)  # not a second cursor
                    y = column.cursor * column.card_height - column.scroll_offset.y
                    edge = next(iter(column.render_line(y)))
                    assert edge.text == "█"  # the faint marker, visible whatever the colours


async def test_a_saved_unreadable_theme_falls_back_and_says_why(make_app):
    app = make_app(theme="gruvbox")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        assert "主题 gruvbox 的文字对比度不足，已改用 dark" in screen_text(app)
