"""Benchmark the deadline calendar: opening it, moving the selection, switching views, a day's list.

    .venv/bin/python bench/calendar_view.py --tasks 10000

(Not ``calendar.py``: a script's folder comes first on ``sys.path`` and would hide
the standard library's ``calendar``.)

A child process writes the shared synthetic board (bench/synthetic.py; not
timed); this process opens it headless at 160x45, presses ``c`` on the board and
then the calendar's keys.  Each figure runs from the key press to the next
frame the compositor hands to the terminal (``App._display``), as in
bench/board.py, so the pilot's idle waits are not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import build_in_child, watch_frames
from synthetic import AS_OF as TODAY

KEYS = {
    "open (c)": ["c"],
    "day (← →)": ["right", "left"] * 5,
    "week (↑ ↓)": ["down", "up"] * 5,
    "month ([ ])": ["right_square_bracket", "left_square_bracket"] * 5,
    "view (w)": ["w"] * 4,
    "as-of day (t)": ["t"],
    "day list (⏎)": ["enter"],
}


async def measure(path: Path, size: tuple[int, int]) -> tuple[dict[str, list[float]], int]:
    """Open the board, press the keys; seconds per key press, and the overdue pile's size."""
    from taskboard.services import open_store
    from taskboard.ui import create_app

    paints: list[float] = []
    app = create_app(open_store(path, seed=False), today=TODAY, lang="zh", theme="dark")
    watch_frames(app, paints.append)
    times: dict[str, list[float]] = {name: [] for name in KEYS}
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)
        for name, keys in KEYS.items():
            for key in keys:
                t0 = time.perf_counter()
                await pilot.press(key)
                while not any(p > t0 for p in paints) and time.perf_counter() - t0 < 10:
                    await asyncio.sleep(0.001)
                times[name].append(min((p for p in paints if p > t0), default=float("nan")) - t0)
                await pilot.pause(0.05)
            if name == "open (c)":
                pile = len(app.screen.calendar.overdue)
    return times, pile


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the database, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tasks", type=int, default=1000, help="number of tasks (default 1000)")
    parser.add_argument("--size", default="160x45", help="terminal size WxH (default 160x45)")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        build_in_child(path, args.tasks)
        times, pile = asyncio.run(measure(path, (width, height)))
    print(f"calendar over {args.tasks} tasks at {args.size}, overdue pile {pile}")
    for name, seconds in times.items():
        ms = [s * 1000 for s in seconds]
        print(f"{name:14}: {statistics.median(ms):7.1f} ms median, {max(ms):.1f} ms max ({len(ms)} presses)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
