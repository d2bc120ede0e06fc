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
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2023, 6, 30)
UNITS = [
    "区发改委", "区市场监管局", "区财政局", "区人社局", "区教育局", "区卫健委", "区住建局",
    "区交通运输局", "区农业农村局", "区商务局", "区生态环境分局", "区司法局", "区数据局",
    "区政务服务中心", "区科技局", "区民政局", "区文旅局", "区应急局", "区税务局", "各乡镇(街道)",
]  # fmt: skip
VERBS = ["落实", "深化", "推进", "健全", "完善", "优化", "加快", "开展", "探索", "建立"]
OBJECTS = [
    "一网一门一次改革", "营商环境评价", "政务服务标准化", "工程建设项目审批制度改革", "证照分离改革",
    "“双随机、一公开”监管", "信用体系建设", "数字政府建设", "公共资源交易平台整合", "基层治理现代化",
]  # fmt: skip
BODY = "相关单位要按照职责分工，细化工作措施，明确时间节点，确保各项改革任务落到实处、取得实效。"


def generate(n: int, path: Path) -> None:
    """Write a database of ``n`` tasks in 20 source documents to ``path``."""
    from taskboard.model import DeadlineKind, Status, Task, task_id
    from taskboard.store import open_store

    rnd = random.Random(20230630)
    kinds = [DeadlineKind.EXPLICIT, DeadlineKind.ONGOING, DeadlineKind.RECURRING, DeadlineKind.NONE]
    by_source: dict[str, list[Task]] = {}
    for i in range(n):
        source = f"{i % 20:03d}_改革任务分解方案.txt"
        number = str(i // 20 + 1)
        kind = rnd.choices(kinds, [8, 1, 1, 1])[0]
        deadline = TODAY + timedelta(days=rnd.randint(-90, 200)) if kind is DeadlineKind.EXPLICIT else None
        title = rnd.choice(VERBS) + rnd.choice(OBJECTS) + ("工作" if rnd.random() < 0.5 else "")
        by_source.setdefault(source, []).append(
            Task(
                id=task_id(source, number),
                source=source,
                number=number,
                title=title,
                text=f"{title}。" + BODY * rnd.randint(1, 4),
                section="一、重点改革任务",
                lead_units=rnd.sample(UNITS, rnd.choice([1, 1, 1, 2])),
                co_units=rnd.sample(UNITS, rnd.randint(0, 3)),
                deadline=deadline,
                deadline_text=f"{deadline.year}年{deadline.month}月底前" if deadline else "",
                deadline_kind=kind,
                status=rnd.choices(list(Status), [5, 3, 2])[0],
            )
        )
    store = open_store(path, seed=False)
    with store.transaction():
        for source, tasks in by_source.items():
            store.import_tasks(source, tasks)


async def measure(path: Path, size: tuple[int, int], moves: int) -> dict[str, object]:
    """Open the database, run the board, press keys; the figures."""
    from taskboard.store import open_store
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
        app.board._set_filters(app.board.model.filters.with_(query="一网"))
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
    print(f"search (一网)     : {r['search'] * ms:7.1f} ms   ({r['search_shown']} shown)")
    print(f"peak memory      : {r['peak_mb']:7.0f} MB   (max RSS of this process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
