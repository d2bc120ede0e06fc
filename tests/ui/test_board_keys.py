"""Pilot tests: drive the board the way a coordinator does, then check the screen and the store.

The fixture board (see board_helpers.ROWS), by deadline, as of 2023-06-30:
未开始: A3 今天到期, A6 剩5天, A1 剩12天, A7 剩62天, B1 剩184天, A5 定期, B3 无时限
进行中: A2 逾期30天, B10 剩184天, A4 持续推进
已完成: B2, B4
"""

from __future__ import annotations

import pytest
from textual import events

from taskboard import config
from taskboard.model import Status
from taskboard.ui.screens.detail_screen import DetailScreen
from taskboard.ui.screens.edit_screen import EditScreen
from taskboard.ui.screens.help_screen import HelpScreen
from taskboard.ui.screens.picker_screen import PickerScreen
from taskboard.ui.widgets.search_bar import SearchBar
from tests.ui.board_helpers import (
    SRC_A,
    SRC_B,
    open_board_store,
    screen_text,
    settle,
    stored,
    tid,
    wait_for,
)
from tests.ui.terminal import Terminal

pytestmark = pytest.mark.asyncio

SIZE = (120, 40)
A1, A2, A3, A6 = tid(SRC_A, "1"), tid(SRC_A, "2"), tid(SRC_A, "3"), tid(SRC_A, "6")


def board(app):
    return app.board


def titles(app, status: Status) -> list[str]:
    return [t.title for t in app.board.model.columns[status]]


# -- what the coordinator sees ------------------------------------------------------------
async def test_three_columns_hold_every_task_with_counts(make_app, store):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True):
        text = screen_text(app)
        assert "未开始 7" in text and "进行中 3" in text and "已完成 2" in text
        assert "显示 12 / 共 12 项" in text
        shown = sum(len(c) for c in app.board.model.columns.values())
        assert shown == len(store.all()) == 12


async def test_cards_show_number_title_units_and_coloured_countdowns(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True):
        text = screen_text(app)
        for badge in ("今天到期", "剩5天", "剩12天", "逾期30天", "持续推进", "定期", "无时限", "已完成"):
            assert badge in text
        assert "1 落实一网一门一次改革" in text
        assert "区发改委、区市场监管局" in text
        column = app.board.columns[Status.IN_PROGRESS]
        overdue = column.get_component_rich_style("badge--overdue")
        later = column.get_component_rich_style("badge--later")
        soon = column.get_component_rich_style("badge--soon")
        assert len({overdue.color, later.color, soon.color}) == 3  # red, green, amber


async def test_long_titles_are_cut_by_display_width(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True):
        line = next(ln for ln in screen_text(app).splitlines() if "探索建立企业全生命周期" in ln)
        assert "…" in line
        assert "一件事一次办" not in line  # the end of the title did not fit
        from rich.cells import cell_len

        assert cell_len(line) == SIZE[0]  # wide characters did not push the border out


async def test_overdue_is_never_clamped(make_app):
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True):
        text = screen_text(app)
        assert "30 days overdue" in text and "due today" in text and "12 days left" in text


# -- moving the cursor ----------------------------------------------------------------------
async def test_arrows_and_hjkl_move_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert app.board.current_task.id == A3
        await pilot.press("down")
        assert app.board.current_task.id == A6
        await pilot.press("j", "j")
        assert app.board.current_task.id == tid(SRC_A, "7")
        await pilot.press("k", "up", "up")
        assert app.board.current_task.id == A3
        await pilot.press("right")
        assert app.board.current_column is app.board.columns[Status.IN_PROGRESS]
        assert app.board.current_task.id == A2
        await pilot.press("l")
        assert app.board.current_task.status is Status.DONE
        await pilot.press("h", "left")
        assert app.board.current_column is app.board.columns[Status.NOT_STARTED]
        await pilot.press("end")
        assert app.board.current_task.id == tid(SRC_B, "3")
        await pilot.press("home")
        assert app.board.current_task.id == A3


async def test_clicking_a_card_selects_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # Second card of 进行中: the border is row 0, each card takes three rows.
        await pilot.click("#column-in_progress", offset=(6, 4))
        assert app.board.current_column is app.board.columns[Status.IN_PROGRESS]
        assert app.board.current_task.id == tid(SRC_B, "10")


# -- moving cards -----------------------------------------------------------------------------
async def test_right_bracket_moves_the_card_saves_it_and_the_cursor_follows(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert stored(db_path, A3).status is Status.IN_PROGRESS
        assert app.board.current_task.id == A3
        assert app.board.current_column is app.board.columns[Status.IN_PROGRESS]
        text = screen_text(app)
        assert "未开始 6" in text and "进行中 4" in text


async def test_shift_arrows_and_left_bracket_move_back(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("shift+right", "shift+right")  # A3: 未开始 → 进行中 → 已完成, in order
        await settle(pilot)
        assert stored(db_path, A3).status is Status.DONE
        assert "已完成 3" in screen_text(app)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert stored(db_path, A3).status is Status.IN_PROGRESS
        await pilot.press("shift+left")
        await settle(pilot)
        assert stored(db_path, A3).status is Status.NOT_STARTED
        assert app.board.current_task.id == A3
        assert "未开始 7" in screen_text(app)


async def test_no_column_beyond_the_last(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("l", "l", "right_square_bracket")
        await settle(pilot)
        current = app.board.current_task
        assert current.status is Status.DONE
        assert stored(db_path, current.id).status is Status.DONE
        assert "已在最后一列" in screen_text(app)


async def test_undo_puts_the_card_back(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert stored(db_path, A3).status is Status.NOT_STARTED
        assert app.board.current_task.id == A3
        text = screen_text(app)
        assert "未开始 7" in text and "已撤销" in text


# -- detail and notes ---------------------------------------------------------------------------
async def test_enter_opens_the_detail(make_app, store):
    store.add_note(A3, "已梳理许可事项清单初稿")
    store.add_note(A3, "清单已报区政府审定")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        for expected in (
            "推行涉企经营许可事项清单管理。由区市场监管局牵头",  # full text
            "一、深化“放管服”改革",  # section
            SRC_A,
            "2023-06-30（原文：6月底前）",
            "区市场监管局",
            "今天到期",
        ):
            assert expected in text
        # Notes and history newest first.
        assert text.index("清单已报区政府审定") < text.index("已梳理许可事项清单初稿")
        history = text[text.index("变更记录") :]
        assert history.index("清单已报区政府审定") < history.index("导入")
        await pilot.press("escape")
        assert app.screen is app.board


async def test_n_adds_a_note_on_the_board(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n", *"已报送材料", "enter")
        await settle(pilot)
        assert [n.text for n in stored(db_path, A3).notes] == ["已报送材料"]
        assert "已添加备注" in screen_text(app)


async def test_n_adds_a_note_in_the_detail_and_it_shows_there(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "n", *"召开推进会", "enter")
        await settle(pilot)
        assert [n.text for n in stored(db_path, A3).notes] == ["召开推进会"]
        assert isinstance(app.screen, DetailScreen)
        notes = screen_text(app).split("进展备注")[1]
        assert "召开推进会" in notes


async def test_an_empty_note_is_refused(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n", "enter")
        assert "备注不能为空" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert stored(db_path, A3).notes == []


# -- filters ------------------------------------------------------------------------------------------
async def test_slash_searches_titles_text_and_units_in_chinese(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash", *"一网", "enter")
        assert sorted(t.title for t in app.board.model.shown_tasks()) == [
            "上线“一网通办”移动端",
            "落实一网一门一次改革",
        ]
        assert "显示 2 / 共 12 项" in screen_text(app)
        assert "搜索：一网" in screen_text(app)
        # Units are searched too; escape in the search box keeps the earlier search.
        await pilot.press("slash", *"区财政", "escape")
        assert app.board.model.filters.query == "一网"
        await pilot.press("escape")  # on the board: clear every filter
        await pilot.press("slash", *"区财政局", "enter")
        assert [t.title for t in app.board.model.shown_tasks()] == ["推进政务数据共享交换平台建设"]



async def test_the_search_line_filters_the_undimmed_board_as_you_type(make_app):
    # Search is a line of the board, not a dialog over it: while typing, the
    # cards shown are the matches, at full colour, and the line shows the text.
    app = make_app()
    terminal = Terminal(app, SIZE)
    async with app.run_test(size=SIZE) as pilot:
        board = app.board
        doing = board.columns[Status.IN_PROGRESS]
        await pilot.press("slash", *"投诉")
        assert app.screen is board and board.query_one(SearchBar).is_open
        await wait_for(pilot, lambda: any("投诉" in line for line in terminal.lines(doing.region)))
        shown = "".join(terminal.lines(board.region))
        assert "建立健全营商环境投诉举报机制" in shown and "落实一网一门一次改革" not in shown
        assert "搜索 投诉" in terminal.line(SIZE[1] - 2)  # the search line, above the footer
        span = doing.region.column_span
        card = next(y for y in doing.region.line_range if "投诉" in terminal.line(y, *span))
        title_bg = terminal.screen.buffer[card][doing.region.x + 6].bg
        await pilot.press("escape")
        await settle(pilot)
        assert not board.query_one(SearchBar).is_open and board.model.filters.query == ""
        # The same card, the same colour with the line closed: the board was never dimmed.
        await pilot.press("slash", *"投诉", "enter")
        await settle(pilot)
        card = next(y for y in doing.region.line_range if "投诉" in terminal.line(y, *span))
        assert terminal.screen.buffer[card][doing.region.x + 6].bg == title_bg


async def test_keys_typed_in_a_burst_after_slash_all_go_into_the_search(make_app):
    # A terminal delivers "/o数据" at once; the app routes all four keys before
    # running the first one's action.  None may be lost, and "o" (a board key:
    # overdue only) is a letter of the search, not a filter.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key, char in (("slash", "/"), ("o", "o"), ("数", "数"), ("据", "据"), ("enter", None)):
            app.post_message(events.Key(key, char))
        await wait_for(pilot, lambda: app.board.model.filters.query)
        await settle(pilot)
        assert app.board.model.filters.query == "o数据" and not app.board.query_one(SearchBar).is_open
        assert not app.board.model.filters.overdue and app.screen is app.board

async def test_f_picks_lead_units_with_counts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, PickerScreen)
        picker_text = screen_text(app)
        assert "区发改委" in picker_text and "3 项" in picker_text
        await pilot.press(*"发改", "enter")  # narrow, take the highlighted unit
        shown = app.board.model.shown_tasks()
        assert {t.id for t in shown} == {A1, A2, A6}
        assert all("区发改委" in t.lead_units for t in shown)
        text = screen_text(app)
        assert "牵头单位：区发改委" in text and "显示 3 / 共 12 项" in text


async def test_f_takes_several_units_at_once(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # The list starts 区发改委 (3), 区市场监管局 (3), 区数据局 (3)…
        await pilot.press("f", "space", "space", "enter")
        assert app.board.model.filters.leads == {"区发改委", "区市场监管局"}
        assert app.board.model.shown == 5  # A1 A2 A6 led by 区发改委; A3 A7 by 区市场监管局 (A2 by both)
        # Reopening shows the marks; tab unmarks; enter with nothing marked clears the filter.
        await pilot.press("f", "tab", "tab", "enter")
        assert app.board.model.filters.leads == frozenset()
        assert app.board.model.shown == 12


async def test_s_filters_by_source_document(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("s", "down", "space", "enter")
        assert app.board.model.filters.sources == {SRC_B}
        assert {t.source for t in app.board.model.shown_tasks()} == {SRC_B}
        assert "来源：002_数字政府建设要点.txt" in screen_text(app)


async def test_o_shows_overdue_only_and_esc_clears(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        assert [t.id for t in app.board.model.shown_tasks()] == [A2]
        text = screen_text(app)
        assert "仅逾期" in text and "显示 1 / 共 12 项" in text
        assert "未开始 0" in text and "（无任务）" in text
        await pilot.press("escape")
        assert app.board.model.shown == 12
        assert "无筛选" in screen_text(app)


# -- editing, date, order --------------------------------------------------------------------------
async def test_e_edits_title_units_and_deadline(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        # (Pilot cannot type full-width punctuation such as 、; a terminal sends it like any character.)
        await pilot.press("end", *"修订稿")
        app.screen.query_one("#edit-lead").focus()
        await pilot.press("end", *",区财政局")
        app.screen.query_one("#edit-deadline").focus()
        await pilot.press(*["backspace"] * 10, *"2023-07-20", "enter")
        await settle(pilot)
        task = stored(db_path, A3)
        assert task.title == "推行涉企经营许可事项清单管理修订稿"
        assert task.lead_units == ["区市场监管局", "区财政局"]
        assert task.deadline.isoformat() == "2023-07-20"
        text = screen_text(app)
        assert "清单管理修订" in text and "剩20天" in text


async def test_e_rejects_a_bad_date(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("e")
        app.screen.query_one("#edit-deadline").focus()
        await pilot.press(*"xx", "ctrl+s")
        assert isinstance(app.screen, EditScreen)
        assert "YYYY-MM-DD" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert stored(db_path, A3).deadline.isoformat() == "2023-06-30"


async def test_t_sets_the_as_of_date(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("t", *["backspace"] * 10, *"2023-07-13", "enter")
        text = screen_text(app)
        assert "基准日 2023-07-13" in text
        assert "逾期1天" in text  # A1, due 07-12
        assert "逾期43天" in text  # A2, due 05-31
        assert stored(db_path, A1).deadline.isoformat() == "2023-07-12"  # a view setting, nothing saved


async def test_t_rejects_a_bad_date(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("t", *["backspace"] * 10, *"7月13日", "enter")
        assert "YYYY-MM-DD" in screen_text(app)
        await pilot.press("escape")
        assert app.board.model.today.isoformat() == "2023-06-30"


async def test_r_cycles_the_order_and_keeps_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("down")  # A6
        await pilot.press("r")
        assert titles(app, Status.NOT_STARTED)[:3] == [
            "落实一网一门一次改革",
            "推行涉企经营许可事项清单管理",
            "每月通报重点改革任务进展情况",
        ]
        assert app.board.current_task.id == A6
        assert "排序：编号" in screen_text(app)
        await pilot.press("r")
        leads = [t.lead_units[0] for t in app.board.model.columns[Status.NOT_STARTED]]
        assert leads == sorted(leads)
        assert "排序：牵头单位" in screen_text(app)
        await pilot.press("r")
        assert "排序：截止日期" in screen_text(app)


# -- palette, help, summary, quit ---------------------------------------------------------------------
async def test_command_palette_runs_board_actions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p", *"只看逾期")
        await pilot.pause(0.3)
        assert "只看逾期任务" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.board.model.filters.overdue)
        assert "仅逾期" in screen_text(app)


async def test_palette_theme_switcher_lists_our_themes_and_the_choice_persists(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p", *"切换主题")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "dark" in text and "hongtou" in text and "light" in text
        await pilot.press(*"hongtou")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.theme == "hongtou")
    assert config.load()["theme"] == "hongtou"
    again = make_app()
    async with again.run_test(size=SIZE, notifications=True):
        assert again.theme == "hongtou"


async def test_question_mark_lists_every_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in (
            "把卡片移到下一列",
            "shift+→",
            "按牵头单位筛选",
            "撤销本会话的上一步更改",
            "退出看板",
        ):
            assert expected in text
        await pilot.press("escape")
        assert app.screen is app.board


async def test_footer_explains_the_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for expected in [
            "移动",
            "详情",
            "备注",
            "搜索",
            "单位",
            "来源",
            "逾期",
            "撤销",
            "编辑",
            "日期",
            "排序",
            "帮助",
            "退出",
        ]:
            assert expected in footer


async def test_percent_opens_the_summary_and_capital_s_does_not(make_app):
    from taskboard.ui.screens.summary_screen import SummaryScreen

    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("S")  # no longer a key: one shift away from s (sources)
        await pilot.pause()
        assert app.screen is app.board
        await pilot.press("percent_sign")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        assert app.screen is app.board
        assert app.board.model.shown == 12


async def test_q_quits_after_saving(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("right_square_bracket", "q")
        await pilot.pause()
        assert not app.is_running
    app.gateway.drain()
    assert stored(db_path, A3).status is Status.IN_PROGRESS


# -- other processes, languages, read-only ----------------------------------------------------------
async def test_a_move_by_another_process_shows_within_two_seconds_keeping_the_cursor(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("down")  # cursor on A6
        other = open_board_store(db_path)  # `taskboard move` in a second terminal
        other.move(A1, Status.DONE)
        await wait_for(pilot, lambda: "已完成 3" in screen_text(app), timeout=2.0)
        assert app.board.model.task(A1).status is Status.DONE
        assert app.board.current_task.id == A6


async def test_undo_on_the_board_leaves_another_process_change_alone(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("u")  # nothing of this session's to undo yet
        await settle(pilot)
        open_board_store(db_path).move(A1, Status.DONE)  # a colleague's `taskboard move`
        await wait_for(pilot, lambda: "已完成 3" in screen_text(app), timeout=2.0)
        await pilot.press("u")
        await settle(pilot)
        assert stored(db_path, A1).status is Status.DONE
        assert "已完成 3" in screen_text(app)


async def test_english_labels(make_app):
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for expected in ("Not started 7", "In progress 3", "Done 2", "Shown 12 of 12", "Move", "Quit"):
            assert expected in text
        await pilot.press("enter")
        text = screen_text(app)
        assert "Deadline" in text and "History (newest first)" in text and "as written: 6月底前" in text


async def test_a_read_only_database_refuses_moves_and_says_why(store, db_path):
    from taskboard.ui import create_app
    from tests.ui.board_helpers import TODAY

    db_path.chmod(0o444)
    try:
        app = create_app(open_board_store(db_path), today=TODAY, lang="zh")
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("right_square_bracket")
            await settle(pilot)
            text = screen_text(app)
            assert "只读" in text and "保存失败" in text
            assert app.board.current_task.status is Status.NOT_STARTED
        assert stored(db_path, A3).status is Status.NOT_STARTED
    finally:
        db_path.chmod(0o644)
