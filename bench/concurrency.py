"""Many clients moving tasks on one board at once: every move in history, no lost update.

    python bench/concurrency.py [--backend postgresql|tinydb] [--clients 20] [--moves 100] [--hot 50]

Builds a 1,000-task synthetic board (a throwaway durable PostgreSQL cluster
for ``postgresql``, or ``--url``'s empty database), then starts ``--clients``
processes that each make ``--moves`` moves, every one advancing a task to the
next status; the moves crowd onto ``--hot`` tasks so clients collide.  Each
move reads the status inside its transaction, so a lost update would show as
a history chain whose next move does not start where the last ended.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import itertools
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import add_url_argument, databases  # first: puts this checkout on sys.path
from synthetic import build_db

from taskboard.model import Status
from taskboard.store import Action, TaskStore
from taskboard.store.copying import copy_board

NEXT = {
    Status.NOT_STARTED: Status.IN_PROGRESS,
    Status.IN_PROGRESS: Status.DONE,
    Status.DONE: Status.NOT_STARTED,
}


def client(job: tuple[str, int, int, list[str]]) -> list[float]:
    """One client process: ``moves`` moves on random hot tasks; the seconds each took."""
    location, number, moves, ids = job
    store = TaskStore(location, who=f"client{number}@bench")
    rng = random.Random(number)
    took = []
    for _ in range(moves):
        tid = rng.choice(ids)
        t0 = time.perf_counter()
        with store.transaction():
            store.move(tid, NEXT[store.get(tid).status])
        took.append(time.perf_counter() - t0)
    store.records.close()
    return took


def verify(location: str, clients: int, moves: int) -> list[str]:
    """Every problem found: missing moves, a client short of its moves, a broken chain."""
    store = TaskStore(location)
    rows = [r for r in store.history() if r.action == Action.MOVE]
    problems = []
    if len(rows) != clients * moves:
        problems.append(f"{len(rows)} moves in history, expected {clients * moves}")
    per_client = collections.Counter(r.who for r in rows)
    problems += [f"{who} has {n} moves" for who, n in per_client.items() if n != moves]
    # A recurring duty moved to done rolls on to its next period (back to not
    # started) in the same commit: that roll is part of the task's status chain.
    chains: dict[str, list] = collections.defaultdict(list)
    for r in store.history():
        if r.field == "status" and r.action in (Action.MOVE, Action.ROLL):
            chains[r.task].append(r)
    for tid, chain in chains.items():
        for before, after in itertools.pairwise(chain):
            if before.new != after.old:
                problems.append(f"lost update on {tid}: {before.new} then a move from {after.old}")
        if chain[-1].new != store.get(tid).status.value:
            problems.append(f"{tid} ends {store.get(tid).status.value}, history says {chain[-1].new}")
    store.records.close()
    return problems


@contextlib.contextmanager
def board(backend: str, url: str | None, tmp: Path):
    """The board's location, built from the synthetic 1,000 tasks."""
    path = tmp / "tasks.json"
    build_db(path, 1000)
    if backend == "tinydb":
        yield str(path)
        return
    with databases(url) as new_database:
        location = new_database("concurrency")
        copy_board(path, location)
        yield location


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["postgresql", "tinydb"], default="postgresql")
    add_url_argument(parser)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--moves", type=int, default=100)
    parser.add_argument("--hot", type=int, default=50, help="how many tasks the moves crowd onto")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, board(args.backend, args.url, Path(tmp)) as location:
        store = TaskStore(location)
        ids = [t.id for t in store.all()][: args.hot]
        store.records.close()
        jobs = [(location, i, args.moves, ids) for i in range(args.clients)]
        t0 = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(args.clients) as pool:
            took = [t for one in pool.map(client, jobs) for t in one]
        wall = time.perf_counter() - t0
        problems = verify(location, args.clients, args.moves)
    took.sort()
    total = args.clients * args.moves
    print(f"{args.backend}: {args.clients} clients × {args.moves} moves on {args.hot} tasks = {total} moves")
    print(f"  wall {wall:.1f} s, {total / wall:.0f} moves/s; per move median "
          f"{statistics.median(took) * 1000:.1f} ms, p90 {took[int(len(took) * 0.9)] * 1000:.1f} ms")
    for p in problems[:20]:
        print(f"  PROBLEM: {p}")
    if problems:
        return 1
    print(f"  every move is in history ({total}/{total}), every task's chain is unbroken: no lost update")
    return 0


if __name__ == "__main__":
    sys.exit(main())
