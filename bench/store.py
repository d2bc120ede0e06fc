"""Store timings: load, one durable move, list by lead unit — at 1,000 and 10,000 tasks.

    python bench/store.py [--tasks 1000 10000] [--repeat 20] [--backend tinydb|postgresql] [--url URL]

Builds the shared synthetic board (bench/synthetic.py: Chinese measures, units,
deadlines, notes, an import history row each) in a temporary folder and prints
median timings.  A "durable move" is the whole user action: lock, check for
other writers, update task + history row, serialise, write, fsync, rename,
fsync the folder.  With ``--backend postgresql`` the same board is copied
(``db copy``) into a database on a throwaway local cluster started with
durable settings (fsync and synchronous commit on), or on ``--url``'s server
(whose database must be empty), and the move is the same user action ending
in a durable COMMIT.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from synthetic import build_db

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.pg

from taskboard.model import Status
from taskboard.store import TaskStore
from taskboard.store.copying import copy_board


def ms(samples: list[float]) -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9)]
    return f"{statistics.median(samples) * 1000:8.1f} ms (p90 {p90 * 1000:.1f})"


@contextlib.contextmanager
def server(url: str | None) -> Iterator[object]:
    """A database factory: ``--url``'s server, or a throwaway durable cluster."""
    if url:
        yield lambda n: url
        return
    from tests.pg import Cluster

    cluster = Cluster(durable=True).start()
    try:
        yield lambda n: cluster.create_database(f"bench_{n}")
    finally:
        cluster.stop()


def bench(n: int, repeat: int, new_database=None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tasks.json"
        build_db(path, n)
        size = f"{path.stat().st_size / 1e6:5.1f} MB file"
        location: str | Path = path
        if new_database is not None:
            location = new_database(n)
            t0 = time.perf_counter()
            copy_board(path, location)
            size += f", copied to PostgreSQL in {time.perf_counter() - t0:.1f} s"
        loads, opens = [], []
        for _ in range(repeat):
            t0 = time.perf_counter()
            store = TaskStore(location)
            opens.append(time.perf_counter() - t0)
            store.all()
            loads.append(time.perf_counter() - t0)
            store.records.close()
        store = TaskStore(location)
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
        print(f"{n:>6} tasks, {size}")
        print(f"  load (open + all tasks) {ms(loads)}")
        print(f"    of which the open     {ms(opens)}")
        print(f"  durable move            {ms(moves)}")
        print(f"  list by lead unit       {ms(lists)}")
        if new_database is not None:
            idle = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                store.refresh()
                idle.append(time.perf_counter() - t0)
            print(f"  refresh, nothing new    {ms(idle)}")
        store.records.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--backend", choices=["tinydb", "postgresql"], default="tinydb")
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a throwaway local cluster)")
    args = parser.parse_args()
    if args.backend == "tinydb":
        for n in args.tasks:
            bench(n, args.repeat)
        return
    if args.url and len(args.tasks) > 1:
        parser.error("--url names one empty database: give one --tasks size")
    with server(args.url) as new_database:
        for n in args.tasks:
            bench(n, args.repeat, new_database)


if __name__ == "__main__":
    main()
