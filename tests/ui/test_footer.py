"""The key footer: one widget that must look and act like Textual's ``Footer(compact=True)``.

BoardFooter paints the line itself instead of composing a widget per key, so
these tests hold it to Textual's own footer, mounted on the same screen with
the same keys, theme and width: the cells the compositor draws (text, colour,
attributes) in every offered theme, with a disabled key and under the mouse;
and a click on a key does what pressing it does.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.command import CommandPalette
from textual.theme import Theme
from textual.widgets import Footer, Tooltip
from textual.widgets._footer import FooterKey

from taskboard.ui.screens.help_screen import HelpScreen
from taskboard.ui.screens.prompt_screen import PromptScreen
from taskboard.ui.widgets.board_footer import BoardFooter
from taskboard.ui.widgets.search_bar import SearchBar
from tests.ui.board_helpers import wait_for
from tests.ui.terminal import Terminal
from tests.ui.test_board_paint import _each_theme

pytestmark = pytest.mark.asyncio

OUR_THEMES = ("dark", "light", "hongtou")  # themes/*.toml


class _TextualFooter(Footer):
    """Textual's footer with the one rule the app gave it before BoardFooter: a gap after a group's label."""

    DEFAULT_CSS = """
    _TextualFooter.-compact FooterLabel { margin: 0 1 0 0; }
    """


def _line(app) -> list[tuple[str, object]]:
    """The screen's last line as a person sees it: (text, style) runs, adjacent runs of one look merged.

    Meta data (the offsets Textual gives a widget's text for selection) shows nothing: left out.
    """
    strip = app.screen._compositor.render_strips()[-1]
    plain = [Segment(s.text, s.style and s.style.clear_meta_and_links()) for s in strip]
    return [(s.text, s.style) for s in Segment.simplify(plain)]


def _text(app) -> str:
    return "".join(text for text, _ in _line(app))


def _x_of(app, text: str) -> int:
    """The screen column where ``text`` starts in the footer line."""
    line = _text(app)
    assert text in line, line
    return cell_len(line[: line.index(text)])


async def _mount_textual_footer(pilot) -> Footer:
    """Textual's own compact footer on the board screen, hidden until ``_both_draw`` shows it."""
    app = pilot.app
    reference = _TextualFooter(compact=True)
    reference.display = False
    await app.screen.mount(reference)
    app.screen.refresh_bindings()  # Textual's footer composes its keys when the keys are announced
    await wait_for(pilot, lambda: bool(reference.query(FooterKey)))
    return reference


async def _both_draw(pilot, reference: Footer, hover: int | None = None) -> tuple[list, list]:
    """The last line with our footer, then with Textual's in its place; the mouse at column ``hover``."""
    app = pilot.app
    ours = app.screen.query_one(BoardFooter)
    lines = []
    for shown, hidden in ((ours, reference), (reference, ours)):
        hidden.display, shown.display = False, True
        await pilot.pause()
        if hover is not None:
            await pilot.hover(shown, offset=(hover, 0))
            await pilot.pause()
        lines.append(_line(app))
    reference.display, ours.display = False, True
    await pilot.pause()
    return lines[0], lines[1]


async def _hover_and_disabled_as_textual(pilot, reference: Footer, plain: list) -> bool:
    """The mouse over ``n`` and a disabled ``n`` look as in Textual's footer; True if the hover shows."""
    app, board = pilot.app, pilot.app.board
    name = app.theme
    # Under the mouse: the key's cells in the theme's hover colour; leaving clears it.
    hovered, textual = await _both_draw(pilot, reference, hover=_x_of(app, "n "))
    assert hovered == textual, name
    await pilot.hover(board, offset=(1, 1))
    await pilot.pause()
    assert _line(app) == plain, name
    # A disabled key is dimmed, as Textual dims it.
    board.check_action = lambda action, _parameters: None if action == "note" else True
    board.refresh_bindings()
    await pilot.pause()
    disabled, textual = await _both_draw(pilot, reference)
    assert disabled != plain and disabled == textual, name
    del board.check_action
    board.refresh_bindings()
    await pilot.pause()
    assert _line(app) == plain, name
    return hovered != plain


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_footer_draws_what_textuals_footer_draws_in_every_theme(make_app, size):
    # At 80 columns the last board keys give way (fit_keys), at 160 all show.  The mouse
    # over a key and a disabled key in our own themes at 80 columns (hongtou's keys have
    # an opaque background of their own): a hover costs 0.4 s, 12 themes twice would double the test.
    app = make_app()
    async with app.run_test(size=size) as pilot:
        themes, hover_shows, reference = 0, set(), None
        async for theme in _each_theme(pilot):
            themes += 1
            reference = reference or await _mount_textual_footer(pilot)
            ours, textual = await _both_draw(pilot, reference)
            assert "? 帮助" in _text(app) and "^p 命令" in _text(app)
            assert ours == textual, (theme, size)
            states = size[0] == 80 and theme in OUR_THEMES
            if states and await _hover_and_disabled_as_textual(pilot, reference, ours):
                hover_shows.add(theme)  # not in hongtou: its keys' opaque background hides the hover
        assert themes >= 3  # ours (dark, light, hongtou) and the readable built-in ones
        assert size[0] != 80 or hover_shows == {"dark", "light"}


# A theme file may set any footer colour: each its own here, translucent (blended over
# what is under it), the keys' colour Textual's "auto" (the best contrast for what is under).
FOOTER_COLOURS = Theme(
    name="页脚测试",
    primary="#1e6b30",
    dark=True,
    variables={
        "footer-background": "#30243a",
        "footer-foreground": "#c0c0c0",
        "footer-item-background": "#ff000040",
        "footer-key-foreground": "auto 80%",
        "footer-key-background": "#d0ffd0c0",  # light: "auto" gives dark keys
        "footer-description-foreground": "#ffd70090",
        "footer-description-background": "#0000ff30",
        "block-hover-background": "#ffffff50",
        "foreground": "#e0e0e0",
    },
)


async def test_every_footer_colour_a_theme_sets_is_drawn_as_textual_draws_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.register_theme(FOOTER_COLOURS)
        app.theme = FOOTER_COLOURS.name
        await pilot.pause()
        reference = await _mount_textual_footer(pilot)
        ours, textual = await _both_draw(pilot, reference)
        assert ours == textual
        assert await _hover_and_disabled_as_textual(pilot, reference, ours)


async def test_the_roomy_footer_draws_what_textuals_roomy_footer_draws(make_app):
    # compact=False, which the screens do not use: the keys padded, no gap between them.
    app = make_app()
    async with app.run_test(size=(200, 24)) as pilot:
        await app.screen.query_one(BoardFooter).remove()
        await app.screen.mount(BoardFooter(compact=False))
        reference = Footer(compact=False)
        reference.display = False
        await app.screen.mount(reference)
        app.screen.refresh_bindings()
        await wait_for(pilot, lambda: bool(reference.query(FooterKey)))
        ours, textual = await _both_draw(pilot, reference)
        assert " n 备注  / 搜索 " in _text(app)
        assert ours == textual


async def test_the_footer_follows_the_keys_as_focus_moves_into_the_search_line_and_back(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        reference = await _mount_textual_footer(pilot)
        before, _ = await _both_draw(pilot, reference)
        await pilot.press("slash")  # the search line takes the letters: their keys leave the footer
        await wait_for(pilot, lambda: "n 备注" not in _text(app))
        ours, textual = await _both_draw(pilot, reference)
        assert ours == textual and "^p 命令" in _text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: "n 备注" in _text(app))
        ours, textual = await _both_draw(pilot, reference)
        assert ours == textual == before


async def test_the_first_frame_at_80_columns_has_the_fitted_keys(make_app):
    # The footer fits its keys when it first paints: the Resize that would refit them comes later.
    app = make_app()
    terminal = Terminal(app, (80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: terminal.frames > 0)
        last = terminal.first_frame[-1]
        assert "o 逾期 ? 帮助 q 退出" in last and last.rstrip().endswith("▏^p 命令"), last


async def _tooltip_after_rest(pilot, widget, x: int, *, expected: bool = True) -> str | None:
    """The tooltip shown once the mouse rests on column ``x`` of ``widget`` (None: no tooltip)."""
    app = pilot.app
    tooltip = app.screen.query_one(Tooltip)
    await pilot.hover(widget, offset=(x, 0))
    await pilot.hover(widget, offset=(x, 0))  # the mouse settles: the tooltip's timer starts
    if expected:
        await wait_for(pilot, lambda: tooltip.display)
    else:
        await pilot.pause(app.TOOLTIP_DELAY * 4)
    shown = str(tooltip.render()) if tooltip.display else None
    await pilot.hover(app.board, offset=(1, 1))
    await pilot.pause()
    return shown


async def test_a_key_under_the_resting_mouse_shows_textuals_tooltip(make_app):
    app = make_app()
    app.TOOLTIP_DELAY = 0.1  # not the half second a person waits
    async with app.run_test(size=(120, 40), tooltips=True) as pilot:
        ours = app.screen.query_one(BoardFooter)
        reference = await _mount_textual_footer(pilot)
        for label in ("n 备注", "[]", "^p 命令"):
            x = _x_of(app, label)
            tip = await _tooltip_after_rest(pilot, ours, x)
            ours.display, reference.display = False, True
            await pilot.pause()
            assert tip == await _tooltip_after_rest(pilot, reference, x), label
            ours.display, reference.display = True, False
            await pilot.pause()
        between = _x_of(app, "▏^p") - 2
        assert await _tooltip_after_rest(pilot, ours, between, expected=False) is None


def _note_asked(app) -> bool:
    return isinstance(app.screen, PromptScreen)


def _searching(app) -> bool:
    return app.screen is app.board and app.board.query_one(SearchBar).is_open


@pytest.mark.parametrize(
    ("key", "label", "done"),
    [
        ("n", "n 备注", _note_asked),
        ("slash", "/ 搜索", _searching),
        ("question_mark", "? 帮助", lambda app: isinstance(app.screen, HelpScreen)),
        ("ctrl+p", "^p 命令", lambda app: isinstance(app.screen, CommandPalette)),
    ],
)
async def test_clicking_a_key_does_what_pressing_it_does(make_app, key, label, done):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        footer = app.screen.query_one(BoardFooter)
        x = _x_of(app, label)
        await pilot.press(key)
        await wait_for(pilot, lambda: done(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not done(app) and app.screen is app.board)
        await pilot.click(footer, offset=(x, 0))  # on the key
        await wait_for(pilot, lambda: done(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not done(app) and app.screen is app.board)
        await pilot.click(footer, offset=(x + cell_len(label) - 1, 0))  # on its description's last cell
        await wait_for(pilot, lambda: done(app))


async def test_a_click_between_keys_or_on_a_disabled_key_does_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        board, footer = app.board, app.screen.query_one(BoardFooter)
        bells = []
        app.bell = lambda: bells.append(1)
        await pilot.click(footer, offset=(_x_of(app, "n 备注") - 1, 0))  # the gap before n
        await pilot.click(footer, offset=(_x_of(app, "▏^p") - 2, 0))  # the blank before the palette key
        await pilot.pause()
        assert app.screen is board and not bells
        board.check_action = lambda action, _parameters: None if action == "note" else True
        board.refresh_bindings()
        await pilot.pause()
        await pilot.click(footer, offset=(_x_of(app, "n 备注"), 0))
        await pilot.pause()
        assert app.screen is board and bells == [1]  # as Textual's FooterKey: the bell, no note


def _looks(app, text: str) -> tuple[str, str]:
    """The colours of the footer's ``text`` run: (foreground, background) as hex."""
    style = next(style for run, style in _line(app) if run == text)
    return style.color.triplet.hex, style.bgcolor.triplet.hex


async def test_a_new_theme_restyles_the_footer(make_app):
    app = make_app(theme="dark")
    async with app.run_test(size=(120, 40)) as pilot:
        seen = {}
        for theme in ("dark", "hongtou", "light", "dark"):
            app.theme = theme
            await pilot.pause()
            variables = app.get_css_variables()
            footer_bg = Color.parse(variables["footer-background"]).hex.lower()
            key_fg = Color.parse(variables["footer-key-foreground"]).hex.lower()
            assert _looks(app, "n") == (key_fg, footer_bg), theme
            assert _looks(app, "^p")[0] == key_fg, theme
            seen.setdefault(theme, _line(app))
            assert _line(app) == seen[theme], theme  # back to dark: dark's footer again
        assert len({str(line) for line in seen.values()}) == 3


async def test_keys_announced_again_unchanged_repaint_nothing(make_app):
    # The screen announces its keys at every focus move; Textual's footer rebuilt itself each time.
    app = make_app()
    terminal = Terminal(app, (120, 40))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: terminal.frames > 0)
        await pilot.pause()
        frames = terminal.frames
        app.board.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert terminal.frames == frames
        app.board.check_action = lambda action, _parameters: None if action == "note" else True
        app.board.refresh_bindings()  # now one key changed: the footer is repainted
        await wait_for(pilot, lambda: terminal.frames > frames)
