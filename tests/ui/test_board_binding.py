"""The board's as-of date reaches every column and an open detail by binding, and store
outcomes come back to the board as typed messages.

Fixture board as of 2023-06-30 (see board_helpers.ROWS): A3 due 06-30, A1 due 07-12,
A2 (进行中) due 05-31.
"""

from __future__ import annotations

from datetime import date

import pytest

from taskboard.model import Status, countdown
from taskboard.ui import create_app
from taskboard.ui.messages import BulkMoved, Failed, Moved, Noted, StoreReplied
from taskboard.ui.screens.detail_screen import DetailScreen
from taskboard.ui.screens.prompt_screen import PromptScreen
from tests.ui.board_helpers import SRC_A, TODAY, open_board_store, screen_text, settle, tid, wait_for

pytestmark = pytest.mark.asyncio

SIZE = (120, 40)
A1, A2, A3, A6 = tid(SRC_A, "1"), tid(SRC_A, "2"), tid(SRC_A, "3"), tid(SRC_A, "6")
LATER = date(2023, 7, 13)


def detail_countdown(app) -> str:
    """The countdown row of the open detail, as drawn."""
    return str(app.screen.query_one("#field-countdown").render())


async def test_a_new_as_of_date_reaches_every_column_and_the_open_detail(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")  # A3's detail: due today
        assert isinstance(app.screen, DetailScreen) and app.screen.task_id == A3
        assert detail_countdown(app) == "今天到期"

        # The as-of date is set from the palette while the detail stays open.
        await pilot.press("ctrl+p", *"设置倒计时基准日")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*["backspace"] * 10, *LATER.isoformat(), "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.pause()
        assert detail_countdown(app) == "逾期13天"

        await pilot.press("escape")
        assert app.screen is app.board
        for column in app.board.columns.values():
            assert column.today == LATER
        text = screen_text(app)
        assert "基准日 2023-07-13" in text
        assert "逾期13天" in text and "逾期1天" in text  # 未开始: A3, A1
        assert "逾期43天" in text  # 进行中: A2
        assert app.board.model.today == LATER  # the overdue filter counts from it too

        # A detail opened now counts from the new date, and a closed one no longer listens.
        await pilot.press("t", *["backspace"] * 10, *"2023-06-30", "enter")
        await pilot.pause()
        assert "逾期13天" not in screen_text(app) and "今天到期" in screen_text(app)
        await pilot.press("down", "enter")  # A6, due 07-05
        assert detail_countdown(app) == "剩5天"


async def test_the_overdue_filter_follows_the_as_of_date(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")  # overdue only: A2
        await wait_for(pilot, lambda: app.board.model.filters.overdue)
        assert [t.id for t in app.board.model.shown_tasks()] == [A2]
        await pilot.press("t", *["backspace"] * 10, *LATER.isoformat(), "enter")
        await pilot.pause()
        shown = app.board.model.shown_tasks()
        assert {A1, A2, A3, A6} <= {t.id for t in shown}
        assert all(countdown(t, LATER).days < 0 for t in shown)


async def test_store_outcomes_reach_the_board_as_typed_messages(store, db_path):
    seen: list[StoreReplied] = []

    def hook(message) -> None:
        # Textual's hook can see one message twice on its way to the board: count it once.
        if isinstance(message, StoreReplied) and not any(m is message for m in seen):
            seen.append(message)

    app = create_app(store, today=TODAY, lang="zh", poll_seconds=None)
    async with app.run_test(size=SIZE, notifications=True, message_hook=hook) as pilot:
        await pilot.press("right_square_bracket")  # A3 → 进行中
        await settle(pilot)
        moved = [m for m in seen if isinstance(m, Moved)]
        assert [m.task.id for m in moved] == [A3] and moved[0].task.status is Status.IN_PROGRESS

        await pilot.press("left", "home", "n", *"已召开推进会", "enter")  # A6: 未开始's first card now
        await settle(pilot)
        noted = [m for m in seen if isinstance(m, Noted)]
        assert [n.text for n in noted[0].task.notes] == ["已召开推进会"]

        # A colleague finishes A6 first: the board's move of its stale card is refused.
        other = open_board_store(db_path)
        other.move(A6, Status.DONE)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        failed = [m for m in seen if isinstance(m, Failed)]
        assert len(failed) == 1 and failed[0].conflict is not None
        assert failed[0].task_ids == (A6,)
        assert app.board.model.task(A6).status is Status.DONE  # put back where the store has it

        # Two marked cards move in one job: one BulkMoved with both.
        await pilot.press("left", "home", "space", "down", "space")
        marked = set(app.board.marks)
        assert len(marked) == 2
        await pilot.press("right_square_bracket")
        await settle(pilot)
        bulk = [m for m in seen if isinstance(m, BulkMoved)]
        assert len(bulk) == 1 and {t.id for t in bulk[0].tasks} == marked
        assert all(t.status is Status.IN_PROGRESS for t in bulk[0].tasks)
        assert all(open_board_store(db_path).get(t).status is Status.IN_PROGRESS for t in marked)
