"""A Chinese board shows no English: every screen and the toasts a session triggers, read off the screen."""

from __future__ import annotations

import pytest

from tests.test_catalogue import english_words
from tests.ui.board_helpers import WHO, screen_text, settle

pytestmark = pytest.mark.asyncio

# Keys as the footer and help print them: what a person presses, not words to translate.
KEY_NAMES = {"Esc", "Enter", "Tab", "Space", "Ctrl", "ctrl", "shift", "esc", "enter", "tab", "space"}
KEY_NAMES |= {"pgup", "pgdn", "home", "end"}


def english_on_screen(text: str) -> set[str]:
    """English words on the screen, besides key names and the fixture user (测试员@host)."""
    return {w for w in english_words(text.replace(WHO, " ")) if w not in KEY_NAMES}


async def _look(pilot, seen: dict[str, set[str]], name: str, expect: str = "") -> None:
    await pilot.pause()
    text = screen_text(pilot.app)
    assert expect in text, f"{name}: {expect!r} not on screen"  # the screen or toast is really up
    seen[name] = english_on_screen(text)


async def test_every_screen_of_a_chinese_board_is_chinese(make_app):
    app = make_app(lang="zh")
    seen: dict[str, set[str]] = {}
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await _look(pilot, seen, "board", "未开始")
        await pilot.press("question_mark")
        await _look(pilot, seen, "help", "快捷键")
        await pilot.press("escape", "enter")
        await _look(pilot, seen, "detail", "变更记录")
        await pilot.press("escape", "e")
        await _look(pilot, seen, "edit dialog", "编辑")
        await pilot.press("escape", "f")
        await _look(pilot, seen, "unit picker", "按牵头单位筛选")
        await pilot.press("escape", "s")
        await _look(pilot, seen, "source picker", "按来源文件筛选")
        await pilot.press("escape", "percent_sign")
        await _look(pilot, seen, "summary", "改革任务推进情况汇总")
        await pilot.press("escape", "c")
        await _look(pilot, seen, "calendar", "截止日历")
        await pilot.press("escape", "ctrl+p")
        await _look(pilot, seen, "command palette", "搜索命令")
        await pilot.press("escape", "a")
        await _look(pilot, seen, "add dialog", "新增任务")
        await pilot.press("escape", "x")
        await _look(pilot, seen, "retire dialog", "原因")
        await pilot.press("escape", "p")
        await _look(pilot, seen, "report dialog", "台账（Excel）")
        await pilot.press("escape", "n")
        await _look(pilot, seen, "note prompt", "添加进展备注")
        await pilot.press(*"已召开专题会议", "enter")
        await settle(pilot)
        await _look(pilot, seen, "note saved toast", "已添加备注")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await _look(pilot, seen, "after a move", "进行中")
        await pilot.press("u")
        await settle(pilot)
        await _look(pilot, seen, "undo toast", "已撤销")
        for _ in range(4):
            await pilot.press("u")
            await settle(pilot)
        await _look(pilot, seen, "nothing to undo toast", "没有可撤销的更改")
        await pilot.press("o", "escape")
        await _look(pilot, seen, "filters cleared toast", "已清除筛选")
        await pilot.press("t", *"2023-13-45", "enter")
        await _look(pilot, seen, "bad date", "日期格式应为")
    assert {name: words for name, words in seen.items() if words} == {}


async def test_refusals_and_errors_on_a_chinese_board_are_chinese(store, db_path):
    from taskboard.ui import create_app
    from tests.ui.board_helpers import SRC_A, TODAY, open_board_store, tid

    app = create_app(store, today=TODAY, lang="zh", poll_seconds=None)
    seen: dict[str, set[str]] = {}
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("right_square_bracket")  # this session's change
        await settle(pilot)
        colleague = open_board_store(db_path)
        colleague.who = "区发改委@办公室"
        colleague.move(tid(SRC_A, "3"), "done")  # a colleague's change since
        await pilot.press("u")
        await settle(pilot)
        await _look(pilot, seen, "refused undo", "撤销会覆盖它，所以没有撤销")
        await pilot.press("n", "space", "enter")  # an empty note
        await settle(pilot)
        await _look(pilot, seen, "empty note", "备注不能为空")
    assert {name: words for name, words in seen.items() if words} == {}
