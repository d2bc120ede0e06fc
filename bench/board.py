"""Benchmark the kanban board: first paint, a card move, a filter change, peak memory.

    .venv/bin/python bench/board.py --tasks 10000

A child process writes a database of N synthetic Chinese tasks (not timed, and
not counted in the memory figure); this process then opens it and runs the
real app headless at 160x45, pressing keys as a person would.

Timings come from the app itself, not from the test pilot's idle waits: every
screen update the compositor produces passes through ``App._display``, which
we wrap to note the time.  So

* first paint = from opening the database to the first full screen of cards;
* move = from the ``]`` key to both the commit on disk and the repaint
  (whichever is later);
* filter = from the ``o`` key (overdue only, on and off) to the repaint.

Targets at 10,000 tasks: first paint <= 1.5 s, move <= 50 ms, filter <= 100 ms, memory <= 300 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import AS_OF as TODAY


def generate(n: int, path: Path) -> None:
    """Write the shared synthetic board of ``n`` tasks to ``path`` (see bench/synthetic.py)."""
    from synthetic import build_db

    build_db(path, n)


async def measure(path: Path, size: tuple[int, int], moves: int) -> dict[str, object]:
    """Open the database, run the board, press keys; the figures."""
    from taskboard.services import open_store
    from taskboard.ui import create_app

    paints: list[float] = []
    start = time.perf_counter()
    store = open_store(path, seed=False)
    app = create_app(store, today=TODAY, lang="zh", theme="dark")
    original = app._display

    def display(screen, renderable):  # every frame the compositor hands to the terminal
        if renderable is not None:
            paints.append(time.perf_counter())
        return original(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    saved: list[float] = []
    deliver = app._deliver

    def delivered(reply):
        if reply.op == "move":
            saved.append(time.perf_counter())
        return deliver(reply)

    app._deliver = delivered  # type: ignore[method-assign]

    async def after(t0: float, pilot) -> float:
        while not any(p > t0 for p in paints):
            await asyncio.sleep(0.001)
        return min(p for p in paints if p > t0)

    async with app.run_test(size=size) as pilot:
        while not paints:
            await asyncio.sleep(0.001)
        first_paint = paints[0] - start
        await pilot.pause(0.3)
        move_times = []
        for i in range(moves):
            key = "right_square_bracket" if i % 2 == 0 else "left_square_bracket"
            n_saved = len(saved)
            t0 = time.perf_counter()
            await pilot.press(key)
            painted = await after(t0, pilot)
            while len(saved) == n_saved:
                await asyncio.sleep(0.001)
            move_times.append(max(painted, saved[-1]) - t0)
            await pilot.pause(0.05)
        filter_times = []
        for _ in range(4):
            t0 = time.perf_counter()
            await pilot.press("o")
            filter_times.append(await after(t0, pilot) - t0)
            await pilot.pause(0.05)
        search_t0 = time.perf_counter()
        app.board._set_filters(app.board.model.filters.with_(query="营商环境"))
        app.board.refresh()
        search = await after(search_t0, pilot) - search_t0
        shown = app.board.model.shown
    app.gateway.drain()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "first_paint": first_paint,
        "move": move_times,
        "filter": filter_times,
        "search": search,
        "search_shown": shown,
        "peak_mb": peak_mb,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the database, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tasks", type=int, default=1000, help="number of tasks (default 1000)")
    parser.add_argument("--moves", type=int, default=10, help="card moves to time (default 10)")
    parser.add_argument("--size", default="160x45", help="terminal size WxH (default 160x45)")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)  # child process: write the db
    args = parser.parse_args(argv)
    if args.generate:
        generate(args.tasks, args.generate)
        return 0
    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, __file__, "--tasks", str(args.tasks), "--generate", str(path)], check=True
        )
        print(f"database: {args.tasks} tasks, {path.stat().st_size / 1e6:.1f} MB, built in "
              f"{time.perf_counter() - t0:.1f} s (not timed below)")  # fmt: skip
        r = asyncio.run(measure(path, (width, height), args.moves))
    ms = 1000
    moves, filters = r["move"], r["filter"]
    print(f"first full paint : {r['first_paint'] * ms:7.0f} ms   (open database + build board + paint)")
    print(f"move (] / [)     : {statistics.median(moves) * ms:7.1f} ms median, {max(moves) * ms:.1f} ms max"
          f"   (key to saved on disk and repainted, {len(moves)} moves)")  # fmt: skip
    filter_ms = statistics.median(filters) * ms
    print(
        f"filter (o)       : {filter_ms:7.1f} ms median, {max(filters) * ms:.1f} ms max   (key to repainted)"
    )
    print(f"search (营商环境) : {r['search'] * ms:7.1f} ms   ({r['search_shown']} shown)")
    print(f"peak memory      : {r['peak_mb']:7.0f} MB   (max RSS of this process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
