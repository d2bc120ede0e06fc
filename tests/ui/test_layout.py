"""The board at every size: 60, 80, 120, 160 and 220 columns, in both languages.

An 80x24 footer keeps the keys that matter first and always ``?``; an active
filter is never hidden; dialogs fit; wide terminals show deadlines and
co-units; tall ones give cards a third line.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from taskboard.model import Status
from tests.ui.board_helpers import screen_text, wait_for
from tests.ui.terminal import Terminal

pytestmark = pytest.mark.asyncio

HELP = {"zh": "? 帮助", "en": "? Help"}
QUIT = {"zh": "q 退出", "en": "q Quit"}
FOOTER = {  # the board's footer labels, in the order of importance (keys.BOARD_KEYS)
    "zh": [
        "移动",
        "详情",
        "备注",
        "搜索",
        "单位",
        "来源",
        "逾期",
        "清除",
        "撤销",
        "编辑",
        "日期",
        "排序",
        "汇总",
    ],
    "en": [
        "Move",
        "Open",
        "Note",
        "Find",
        "Lead",
        "Doc",
        "Late",
        "Clear",
        "Undo",
        "Edit",
        "Date",
        "Sort",
        "Stats",
    ],
}


def _flat(text: str) -> str:
    return "".join(ch for ch in text if ch not in " \n│")


def _region_text(app, selector: str) -> str:
    """What the screen shows inside one widget's region, line by line."""
    region = app.screen.query_one(selector).region
    out = []
    for line in screen_text(app).splitlines()[region.y : region.bottom]:
        x, kept = 0, []
        for ch in line:
            if region.x <= x < region.right:
                kept.append(ch)
            x += cell_len(ch)
        out.append("".join(kept))
    return "\n".join(out)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_footer_keeps_help_and_the_first_keys(make_app, lang, size):
    app = make_app(lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert HELP[lang] in footer and QUIT[lang] in footer
        shown = [label for label in FOOTER[lang] if f" {label} " in footer]
        assert shown == FOOTER[lang][: len(shown)]  # a prefix: the most important ones
        assert len(shown) >= (4 if size[0] < 80 else 7)
        if size[0] >= 120:
            assert len(shown) >= 12


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_filter_bar_never_hides_an_active_filter(make_app, lang, size):
    app = make_app(lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f", *"区发", "space", "backspace", "backspace", *"区数", "space", "enter")
        await pilot.press("o", "slash", *"平台", "enter")
        await pilot.pause()
        filters = app.board.model.filters
        assert filters.leads == {"区发改委", "区数据局"} and filters.overdue and filters.query == "平台"
        bar = _flat(_region_text(app, "#filters")) + _flat(_region_text(app, "#status"))
        wanted = {
            "zh": ["牵头单位：区发改委、区数据局", "仅逾期", "搜索：平台", "0/12项", "2023-06-30"],
            "en": ["Lead:区发改委,区数据局", "Overdueonly", "Search:平台", "0/12", "2023-06-30"],
        }[lang]
        for part in wanted:
            assert part in bar, (part, bar)
        assert "…" not in bar


async def test_the_edit_dialog_fits_80x24_with_its_buttons(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        text = screen_text(app)
        for part in ("标题", "牵头单位", "完成时限", "时限类型", "取消", "保存"):
            assert part in text
        save = app.screen.query_one("#edit-save")
        assert save.region.bottom <= 24 and save.region.right <= 80
        await pilot.click("#edit-save")  # reachable with the mouse, too
        await pilot.pause()
        assert app.screen is app.board


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_nothing_essential_is_cut_at_60_columns(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "2023-06-30" in text  # the as-of date
        column = app.board.columns[Status.IN_PROGRESS]
        units_line = "".join(s.text for s in column.render_line(1))
        assert ("区发" in units_line) and ("逾期30天" in units_line or "30d late" in units_line)
        for badge in {"zh": ("今天到期", "剩5天"), "en": ("today", "5d left")}[lang]:
            assert badge in text


async def test_wide_cards_show_deadline_dates_and_co_units(make_app):
    app = make_app()
    async with app.run_test(size=(220, 40)) as pilot:  # wide, not tall: two lines a card
        await pilot.pause()
        column = app.board.columns[Status.NOT_STARTED]
        assert column.card_lines == 2
        text = screen_text(app)
        assert "配合：区政务服务中心、各乡镇(街道)" in text
        assert "2023-07-12 剩12天" in text
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "配合：" not in screen_text(app) and "2023-07-12" not in screen_text(app)


async def test_tall_terminals_give_cards_a_third_line(make_app):
    app = make_app()
    async with app.run_test(size=(220, 60)) as pilot:
        await pilot.pause()
        column = app.board.columns[Status.NOT_STARTED]
        assert column.card_lines == 3 and column.card_height == 4
        lines = [ln for ln in screen_text(app).splitlines() if "配合：区政务服务中心、各乡镇(街道)" in ln]
        assert lines and "2023-07-12" in lines[0]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert column.card_lines == 2
        await pilot.press("j", "j")  # the cursor rows follow the new card height
        assert column.cursor == 2
        line = next(ln for ln in screen_text(app).splitlines() if "落实一网一门一次改革" in ln)
        assert line.index("落实") < 40


async def test_the_first_frame_is_the_whole_board_with_its_keys(make_app):
    # Textual's footer composes its keys a refresh after the screen: the board's
    # first frame came without them, and they showed 100 ms later.
    app = make_app()
    terminal = Terminal(app, (120, 40))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: terminal.frames > 0)
        first = terminal.first_frame
        assert "未开始" in first[1] and "已完成" in first[1]
        assert "? 帮助" in first[-1] and "q 退出" in first[-1], first[-1]
