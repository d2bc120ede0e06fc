"""Store timings: load, one durable move, list by lead unit — at 1,000 and 10,000 tasks.

    python bench/store.py [--tasks 1000 10000] [--repeat 20]

Builds the shared synthetic board (bench/synthetic.py: Chinese measures, units,
deadlines, notes, an import history row each) in a temporary folder and prints
median timings.  A "durable move" is the whole user action: lock, check for
other writers, update task + history row, serialise, write, fsync, rename,
fsync the folder.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from synthetic import build_db

from taskboard.model import Status
from taskboard.store import TaskStore


def ms(samples: list[float]) -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9)]
    return f"{statistics.median(samples) * 1000:8.1f} ms (p90 {p90 * 1000:.1f})"


def bench(n: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tasks.json"
        build_db(path, n)
        size = path.stat().st_size / 1e6
        loads = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            store = TaskStore(path)
            store.all()
            loads.append(time.perf_counter() - t0)
        ids = [t.id for t in store.all()]
        rng = random.Random(1)
        moves = []
        for _ in range(repeat):
            tid = rng.choice(ids)
            target = Status.DONE if store.get(tid).status is not Status.DONE else Status.IN_PROGRESS
            t0 = time.perf_counter()
            store.move(tid, target)
            moves.append(time.perf_counter() - t0)
        lists = []
        units = sorted({u for t in store.all() for u in t.lead_units})[:repeat]
        for unit in units:
            t0 = time.perf_counter()
            store.find(lead=unit)
            lists.append(time.perf_counter() - t0)
        print(f"{n:>6} tasks, {size:5.1f} MB file")
        print(f"  load (open + all tasks) {ms(loads)}")
        print(f"  durable move            {ms(moves)}")
        print(f"  list by lead unit       {ms(lists)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    for n in args.tasks:
        bench(n, args.repeat)


if __name__ == "__main__":
    main()
