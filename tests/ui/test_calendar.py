"""Pilot tests of the deadline calendar (``c``): open it from the board, press keys, read the screen.

The fixture board (see board_helpers.ROWS) as of 2023-06-30, a Friday:
overdue A2 (5/31, 进行中); due A3 6/30, A6 7/5, A1 7/12, A7 8/31, B1 and B10 12/31;
done B2, B4; no single date: A4 持续推进, A5 每月, B3 无时限.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from rich.console import Console

from taskboard.calendar import Urgency
from taskboard.model import DeadlineKind, Task, countdown, task_id
from taskboard.ui.i18n import tr
from taskboard.ui.screens.board_screen import BoardScreen
from taskboard.ui.screens.calendar_day_screen import PREVIEW_ROWS, CalendarDayScreen, DayTable, DayTasks
from taskboard.ui.screens.calendar_screen import CALENDAR_KEYS, CalendarScreen
from taskboard.ui.widgets.calendar_grid import URGENCY_CLASS, CalendarGrid, share_lines
from tests.ui.board_helpers import SRC_A, TODAY, screen_text, settle, tid, wait_for

SIZE = (120, 40)
A6 = tid(SRC_A, "6")


async def open_calendar(pilot) -> CalendarScreen:
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CalendarScreen))
    await pilot.pause()
    return pilot.app.screen


async def test_c_opens_the_as_of_month_with_counts_and_the_overdue_pile(make_app, store):
    app = make_app()
    history = len(store.history())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        text = screen_text(app)
        assert "截止日历 · 2023年6月 · 月视图 · 基准日 2023-06-30" in text
        assert "按看板当前筛选的 12 项任务" in text
        assert text.index("周一") < text.index("周日")  # Monday-first
        assert "30 基准日" in text and "到期 1" in text and "逾期 1" in text
        assert "逾期 1 项（计入基准日）· 14天内到期 3 项 · 之后到期 4 项" in text  # A5 monthly: 7/20
        assert "2 项无具体日期" in text  # A4 ongoing, B3 undated
        # The selected (as-of) day's tasks are listed under the grid: the pile, then today's.
        assert "选中 2023-06-30 周五：2 项" in text
        assert text.index("深化“放管服”改革") < text.index("推行涉企经营许可事项清单管理")
        assert "逾期30天" in text and "今天到期" in text
        assert screen.selected == TODAY
    assert len(store.history()) == history  # looking changes nothing


async def test_arrows_and_brackets_move_the_selection_and_the_month(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("l", "l", "l", "l", "l")  # Friday 6/30 → Wednesday 7/5
        assert screen.selected == date(2023, 7, 5)
        text = screen_text(app)
        assert "2023年7月" in text and "选中 2023-07-05 周三：1 项" in text
        assert "开展营商环境第三方评估" in text
        await pilot.press("j")  # a week later: 7/12
        assert "落实一网一门一次改革" in screen_text(app)
        await pilot.press("k", "k", "h", "l")  # 6/28
        assert screen.selected == date(2023, 6, 28)
        assert "选中 2023-06-28 周三：0 项" in screen_text(app)
        assert "这一天没有到期的未完成任务" in screen_text(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.selected == date(2023, 8, 28) and "2023年8月" in screen_text(app)
        await pilot.press("pageup")
        assert screen.selected == date(2023, 7, 28)
        await pilot.press("left_square_bracket", "pagedown", "pagedown")
        assert screen.selected == date(2023, 8, 28)
        await pilot.press("t")
        assert screen.selected == TODAY and "2023年6月" in screen_text(app)
        await pilot.press("up", "down", "left", "right")
        assert screen.selected == TODAY


async def test_enter_lists_the_selected_days_tasks_and_escape_goes_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("l", "l", "l", "l", "l", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarDayScreen))
        await pilot.pause()
        day_screen = app.screen
        assert [t.id for t in day_screen.day.tasks] == [A6]
        text = screen_text(app)
        assert "2023-07-05 周三 · 1 项" in text
        assert "开展营商环境第三方评估" in text and "区发改委" in text and "剩5天" in text
        await pilot.press("escape")
        assert isinstance(app.screen, CalendarScreen)
        await pilot.press("t", "enter")  # the as-of day: the pile and the day's own task
        await pilot.pause()
        assert [t.number for t in app.screen.day.tasks] == ["2", "3"]
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, BoardScreen)


@pytest.mark.parametrize("key", ["escape", "q", "c"])
async def test_escape_q_and_c_close_the_calendar(make_app, key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press(key)
        assert isinstance(app.screen, BoardScreen)
        assert app.is_running  # q closed the calendar, it did not quit the board


async def test_w_shows_the_week_with_each_days_tasks(make_app):
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("w")
        text = screen_text(app)
        assert "2023-06-26 – 2023-07-02 · week" in text
        assert "Fri 6/30 as of" in text and "1 due" in text and "1 overdue" in text
        assert "推行涉企经营许可事项清单管理" in text and "区市场监管局" in text
        await pilot.press("j")  # next week: 7/3 – 7/9
        text = screen_text(app)
        assert "2023-07-03 – 2023-07-09" in text and "开展营商环境第三方评估" in text
        assert "推行涉企经营许可事项清单管理" not in text
        await pilot.press("w")
        assert "July 2023 · month" in screen_text(app)


async def test_the_calendar_shows_only_what_the_board_filters_show(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")  # overdue only
        await settle(pilot)
        screen = await open_calendar(pilot)
        text = screen_text(app)
        assert "按看板当前筛选的 1 项任务" in text
        assert "逾期 1 项（计入基准日）· 14天内到期 0 项" in text and "0 项无具体日期" in text
        assert [t.number for t in screen.calendar.day(TODAY).tasks] == ["2"]
        await pilot.press("c", "o", "slash")  # close, overdue off, search
        await pilot.press(*"营商环境", "enter")
        await settle(pilot)
        shown = app.board.model.shown_tasks()
        assert 0 < len(shown) < 12
        screen = await open_calendar(pilot)
        assert f"按看板当前筛选的 {len(shown)} 项任务" in screen_text(app)
        on_days = {t.id for t in screen.calendar.overdue} | {
            t.id for t in shown if t.deadline and screen.calendar.day(t.deadline).due
        }
        assert on_days == {t.id for t in shown if countdown(t, TODAY).days is not None}
        assert A6 in on_days and tid(SRC_A, "3") not in on_days  # 推行涉企… does not match


async def test_days_are_coloured_by_urgency_from_the_theme(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        grid = screen.query_one(CalendarGrid)
        cal = screen.calendar

        def count_style(day: date, line: int):
            return grid._month_lines(cal.day(day))[line].style.color

        red = grid.get_component_rich_style(URGENCY_CLASS[Urgency.OVERDUE])
        amber = grid.get_component_rich_style(URGENCY_CLASS[Urgency.SOON])
        plain = grid.get_component_rich_style(URGENCY_CLASS[Urgency.LATER])
        assert len({red.color, amber.color, plain.color}) == 3
        assert count_style(TODAY, 2) == red.color  # the pile
        assert count_style(TODAY, 1) == amber.color  # due today
        assert count_style(date(2023, 7, 12), 1) == amber.color  # 12 days: inside the 14-day window
        assert count_style(date(2023, 8, 31), 1) == plain.color
        # The theme decides the colours: another theme, another red.
        app.theme = "light"
        await pilot.pause()
        assert grid.get_component_rich_style(URGENCY_CLASS[Urgency.OVERDUE]).color != red.color


async def test_task_text_is_shown_as_written_never_as_markup(make_app, store):
    store.edit(A6, title="[bold red]伪造标记[/bold red]\x1b[31m开展评估")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("l", "l", "l", "l", "l")
        assert "[bold red]伪造标记[/bold red]开展评估" in screen_text(app)
        await pilot.press("w")
        assert "[bold red]伪造标记[/bold red]开展评估" in screen_text(app)


async def test_english_labels(make_app):
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        text = screen_text(app)
        assert "Deadline calendar · June 2023 · month · as of 2023-06-30" in text
        assert "Mon" in text and "30 as of" in text and "1 overdue" in text
        assert "2 without a specific date" in text
        assert "Selected Fri 2023-06-30: 2 task(s)" in text


def test_week_lines_are_shared_so_every_day_keeps_one():
    assert share_lines([1, 1, 3, 1, 1, 1, 1], 20) == [1, 1, 3, 1, 1, 1, 1]
    shares = share_lines([1, 1, 87, 40, 1, 1, 1], 22)
    assert sum(shares) == 22 and min(shares) == 1
    assert shares[2] >= shares[3] > 1


async def test_a_task_nobody_leads_says_so_in_the_day_list_and_the_week(make_app, store):
    store.edit(A6, lead_units=[])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("l", "l", "l", "l", "l", "enter")
        await pilot.pause()
        assert "开展营商环境第三方评估" in screen_text(app) and "（未明确牵头单位）" in screen_text(app)
        await pilot.press("escape", "w")
        assert "6 开展营商环境第三方评估  （未明确牵头单位）" in screen_text(app)


async def test_the_palette_and_the_help_offer_the_calendar(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert "截止日历：按天查看到期任务" in screen_text(app)
        await pilot.press("escape", "ctrl+p", *"截止日历")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))


def test_every_calendar_key_has_short_and_long_text_in_both_languages():
    for spec in CALENDAR_KEYS:
        for lang in ("zh", "en"):
            assert tr(lang, f"key_{spec.name}") and tr(lang, f"help_{spec.name}")
    assert tr("zh", "key_calendar") == "日历" and tr("en", "help_calendar")


async def test_a_long_overdue_pile_is_previewed_in_part_and_listed_in_full(make_app, store):
    source = "003_年度督查清单.txt"
    late = [
        Task(
            id=task_id(source, str(n)),
            source=source,
            number=str(n),
            title=f"督查事项第{n}项整改落实",
            lead_units=["区督查室"],
            deadline=date(2023, 3, 31),
            deadline_kind=DeadlineKind.EXPLICIT,
        )
        for n in range(1, PREVIEW_ROWS + 21)
    ]
    store.import_tasks(source, late)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        text = screen_text(app)
        assert f"逾期 {PREVIEW_ROWS + 21}" in text  # 20 more, plus the fixture's own overdue task
        preview = app.screen.query_one(DayTasks)
        console = Console(width=120, file=io.StringIO(), record=True)
        console.print(preview.render())
        drawn = console.export_text()
        assert drawn.count("逾期") == PREVIEW_ROWS and "… 另22项，按 ⏎ 查看全部" in drawn
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarDayScreen))
        await pilot.pause()
        table = app.screen.query_one(DayTable)
        assert table.row_count == PREVIEW_ROWS + 22  # the pile and the task due that day
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert "推行涉企经营许可事项清单管理" in screen_text(app)  # the last row, reached by scrolling


async def test_the_calendar_counts_from_the_boards_as_of_date(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *["backspace"] * 10, *"2023-07-06", "enter")
        await wait_for(pilot, lambda: app.board.model.today == date(2023, 7, 6))
        screen = await open_calendar(pilot)
        text = screen_text(app)
        assert "基准日 2023-07-06" in text and "6 基准日" in text and "逾期 3" in text
        assert [t.number for t in screen.calendar.overdue] == ["2", "3", "6"]
        assert screen.selected == date(2023, 7, 6)
