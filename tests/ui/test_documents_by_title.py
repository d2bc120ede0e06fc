"""The board names documents by their titles and shows the id every CLI command needs."""

from __future__ import annotations

import pytest

from taskboard.model import DocumentInfo
from taskboard.ui import create_app
from tests.ui.board_helpers import SRC_A, SRC_B, TODAY, fixture_tasks, open_board_store, screen_text, tid

pytestmark = pytest.mark.asyncio

TITLE_A = "关于印发《伊州区2023年优化营商环境改革方案》的通知"


@pytest.fixture
def titled_store(db_path):
    s = open_board_store(db_path)
    tasks = fixture_tasks()
    with s.transaction():
        s.import_tasks(SRC_A, [t for t in tasks if t.source == SRC_A], document=DocumentInfo(SRC_A, TITLE_A))
        s.import_tasks(SRC_B, [t for t in tasks if t.source == SRC_B])  # no title: named by its file
    return s


async def test_the_source_picker_and_the_filter_bar_show_titles(titled_store):
    app = create_app(titled_store, today=TODAY, lang="zh", poll_seconds=None)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        text = screen_text(app)
        assert "伊州区2023年优化营商环境改革方案" in text and SRC_A not in text
        assert SRC_B in text  # a document without a title keeps its file name
        await pilot.press(*"营商环境改革方案", "enter")  # typing matches the title
        await pilot.pause()
        assert app.board.model.filters.sources == frozenset({SRC_A})
        assert "来源：伊州区2023年优化营商环境改革方案" in screen_text(app)


async def test_the_detail_shows_the_title_and_a_copyable_task_id(titled_store):
    app = create_app(titled_store, today=TODAY, lang="zh", poll_seconds=None)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        task = app.board.current_task
        assert task.id == tid(SRC_A, "3")  # 未开始's first card: due today
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert task.id in text and "任务ID" in text
        assert f"伊州区2023年优化营商环境改革方案（{SRC_A}）" in text
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == task.id
        assert f"已复制任务ID：{task.id}" in screen_text(app)
