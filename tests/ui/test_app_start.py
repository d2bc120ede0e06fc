"""What the app does once the board is loaded: the collector, off for the start, comes back on."""

from __future__ import annotations

import gc


async def test_the_collector_is_on_once_the_board_is_mounted(make_app):
    app = make_app()
    gc.disable()  # as the taskboard command starts (taskboard/start.py)
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            # The loaded board is out of the collector's sight (no rescans during key presses).
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
