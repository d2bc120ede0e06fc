"""An open board shows a colleague's move, made in another process, within a second (both backends)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from taskboard.model import Status, task_id
from taskboard.ui import create_app

from ..fixtures import SOURCE

ROOT = Path(__file__).parents[3]


async def test_a_colleagues_move_appears_on_the_open_board_within_a_second(store, location):
    tid = task_id(SOURCE, "3")
    app = create_app(store, today=date(2023, 6, 30), lang="zh", poll_seconds=0.5)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.board.model.task(tid).status is Status.NOT_STARTED
        subprocess.run(
            [sys.executable, "-m", "taskboard", "--db", location, "move", tid, "已完成"],
            check=True, capture_output=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        committed = time.monotonic()
        while app.board.model.task(tid).status is not Status.DONE:
            assert time.monotonic() - committed < 1.0, "the board did not show the move within 1 s"
            await pilot.pause(0.02)
