"""The board and a colleague's terminal writing one database: nobody's change is lost.

The colleague is a real second process (`taskboard move/edit` on the same
file).  Polling is switched off so each test decides exactly when the board
could have noticed: a pass cannot come from a lucky poll.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from taskboard.model import Status
from taskboard.store.history import current_user
from taskboard.ui import create_app
from tests.ui.board_helpers import SRC_A, TODAY, open_board_store, screen_text, settle, stored, tid, wait_for

pytestmark = pytest.mark.asyncio

SIZE = (120, 40)
A1, A2, A3 = tid(SRC_A, "1"), tid(SRC_A, "2"), tid(SRC_A, "3")


def colleague(db_path, *args: str) -> None:
    """A `taskboard` command run by a colleague in another terminal."""
    subprocess.run(
        [sys.executable, "-m", "taskboard", "--db", str(db_path), *args],
        check=True,
        capture_output=True,
        timeout=60,
    )


def no_poll_app(store, lang="zh"):
    return create_app(store, today=TODAY, lang=lang, poll_seconds=None)


async def test_own_write_brings_in_a_colleagues_earlier_change(store, db_path):
    app = no_poll_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        colleague(db_path, "move", A1, "done")
        # The board commits right after: its commit takes in the colleague's under the lock.
        await pilot.press("right_square_bracket")  # A3 → 进行中
        await settle(pilot)
        assert app.board.model.task(A1).status is Status.DONE
        text = screen_text(app)
        assert "已完成 3" in text and "进行中 4" in text and "未开始 5" in text
        assert stored(db_path, A1).status is Status.DONE
        assert stored(db_path, A3).status is Status.IN_PROGRESS


async def test_a_move_from_a_stale_card_is_refused_and_explained(store, db_path):
    app = no_poll_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("l")  # cursor on A2 in 进行中
        assert app.board.current_task.id == A2
        colleague(db_path, "move", A2, "done")  # the board has not seen this yet
        await pilot.press("left_square_bracket")  # the user moves the stale card back
        await settle(pilot)
        # The colleague's move stands, on disk and on the board, and the user is told.
        assert stored(db_path, A2).status is Status.DONE
        assert app.board.model.task(A2).status is Status.DONE
        moves = [r for r in open_board_store(db_path).history(A2) if r.field == "status"]
        assert moves[-1].who == current_user() and moves[-1].new == "done"
        text = screen_text(app)
        assert current_user() in text and "已完成" in text and "你的移动没有保存" in text


async def test_an_edit_of_a_field_a_colleague_changed_is_refused(store, db_path):
    from taskboard.ui.screens.edit_screen import EditScreen

    app = no_poll_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        colleague(db_path, "edit", A3, "--lead", "区财政局")
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        app.screen.query_one("#edit-lead").focus()
        await pilot.press("end", *",区司法局", "enter")
        await settle(pilot)
        assert stored(db_path, A3).lead_units == ["区财政局"]
        assert app.board.model.task(A3).lead_units == ["区财政局"]
        assert "你的修改没有保存" in screen_text(app)


async def test_undo_refused_when_a_colleague_changed_the_task_since(store, db_path):
    app = no_poll_app(store, lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("right_square_bracket")  # A3 → In progress, this session's change
        await settle(pilot)
        colleague(db_path, "move", A3, "done")
        await pilot.press("u")
        await settle(pilot)
        assert stored(db_path, A3).status is Status.DONE
        assert app.board.model.task(A3).status is Status.DONE
        assert "nothing was undone" in screen_text(app)


async def test_a_note_on_a_changed_task_is_kept_and_the_card_catches_up(store, db_path):
    app = no_poll_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        colleague(db_path, "move", A3, "in_progress")
        await pilot.press("n", *"已对接企业", "enter")
        await settle(pilot)
        task = stored(db_path, A3)
        # A note overwrites nothing, so it is saved; the card shows the colleague's move.
        assert task.status is Status.IN_PROGRESS and task.notes[-1].text == "已对接企业"
        assert app.board.model.task(A3).status is Status.IN_PROGRESS


async def test_polling_still_shows_a_colleagues_move(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        colleague(db_path, "move", A1, "done")
        await wait_for(pilot, lambda: app.board.model.task(A1).status is Status.DONE, timeout=3.0)


async def test_escape_codes_in_the_database_never_reach_the_board(store, db_path):
    import orjson

    data = orjson.loads(db_path.read_bytes())
    data["tasks"][A3]["title"] = "推行\x1b[2J涉企\x1b]8;;https://evil.example\x07许可\u202e清单"
    data["tasks"][A3]["lead_units"] = ["区市场\x1b[31m监管局"]
    db_path.write_bytes(orjson.dumps(data))
    app = no_poll_app(open_board_store(db_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        painted = screen_text(app)  # every character the terminal would be sent as text
        assert "推行涉企许可" in painted
        for bad in ("\x1b", "\u202e", "\x07"):
            assert bad not in painted
        await pilot.press("enter")  # the detail shows the whole text
        assert "\x1b" not in screen_text(app) and "区市场监管局" in screen_text(app)
