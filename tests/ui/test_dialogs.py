"""Every dialog of the board behaves the same way: its title shows, escape answers None,
and refused input is explained inside the dialog, which stays open."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Label

from taskboard.ui.screens.add_screen import AddScreen
from taskboard.ui.screens.choice_screen import ChoiceScreen
from taskboard.ui.screens.dialog import Dialog
from taskboard.ui.screens.edit_screen import EditScreen
from taskboard.ui.screens.picker_screen import PickerScreen
from taskboard.ui.screens.prompt_screen import PromptScreen
from tests.ui.board_helpers import fixture_tasks, screen_text, wait_for

pytestmark = pytest.mark.asyncio

TASK = fixture_tasks()[0]  # 1 落实一网一门一次改革


def _not_a_date(text: str) -> str | None:
    return None if text[:1].isdigit() else "请输入日期"


DIALOGS = {
    "prompt": (lambda: PromptScreen("倒计时基准日", "2023-06-30", validate=_not_a_date), "倒计时基准日"),
    "choice": (lambda: ChoiceScreen("撤销原因", [("任务取消", "cancelled"), ("已合并", "merged")]), "撤销"),
    "picker": (
        lambda: PickerScreen("牵头单位", [("区发改委", 3), ("区财政局", 1)], frozenset(), lang="zh"),
        "牵头单位",
    ),
    "edit": (lambda: EditScreen(TASK, lang="zh"), "编辑 1"),
    "add": (lambda: AddScreen(lang="zh"), "新增任务"),
}


class _Host(App[None]):
    """Opens one dialog and keeps what it answers."""

    def __init__(self, dialog: Dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


@pytest.mark.parametrize("name", list(DIALOGS))
async def test_each_dialog_shows_its_title_and_escape_answers_none(name):
    build, title = DIALOGS[name]
    app = _Host(build())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen is app.dialog)
        assert title in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.answers == [None])
        assert app.screen is not app.dialog


async def test_refused_input_is_explained_in_the_dialog_that_stays_open():
    app = _Host(PromptScreen("倒计时基准日", "", validate=_not_a_date))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"七月", "enter")
        assert app.screen is app.dialog and "请输入日期" in screen_text(app)
        await pilot.press("backspace", "backspace", *"2023-07-01", "enter")
        await wait_for(pilot, lambda: app.answers == ["2023-07-01"])

    app = _Host(AddScreen(lang="zh"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")  # no title
        error = app.dialog.query_one("#edit-error", Label)
        assert "标题不能为空" in str(error.render()) and not app.answers
        await pilot.press(*"召开营商环境推进会", "ctrl+s")
        await wait_for(pilot, lambda: len(app.answers) == 1)
        assert app.answers[0]["title"] == "召开营商环境推进会"
